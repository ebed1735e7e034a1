import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT_RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Accepts a caller's `x-request-id` when it is a sane token (it ends up in logs), else mints one. */
export function genRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

/**
 * W3C trace context: continue the caller's trace (a new span id under its trace id) or start one.
 * The value travels on in outgoing calls and in event envelopes, so a letter's journey can be followed.
 * See: https://www.w3.org/TR/trace-context/
 */
export function nextTraceparent(incoming: string | string[] | undefined): string {
  const match = typeof incoming === 'string' ? TRACEPARENT_RE.exec(incoming) : null;
  const traceId = match?.[1] && !/^0+$/.test(match[1]) ? match[1] : randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${match?.[3] ?? '01'}`;
}

export function traceIdOf(traceparent: string): string {
  return traceparent.split('-')[1] ?? '';
}

declare module 'fastify' {
  interface FastifyRequest {
    traceparent: string;
  }
}

/**
 * Echoes the request id, sets up trace context and binds both to the request's logger.
 * Wrapped with fastify-plugin so its hooks apply to every route of the service, not just its own scope.
 */
export const requestContext = fp(async function requestContext(app: FastifyInstance): Promise<void> {
  app.decorateRequest('traceparent', '');
  app.addHook('onRequest', async (req: FastifyRequest, reply) => {
    req.traceparent = nextTraceparent(req.headers.traceparent);
    // The request's own child logger gains the binding (no second child per request).
    addBindings(req.log, { traceId: traceIdOf(req.traceparent) });
    reply.header('x-request-id', req.id);
  });
});

/** Adds the tenant to every later log line of this request (called by the auth layer once it knows it). */
export function bindTenant(req: FastifyRequest, tenantId: string): void {
  addBindings(req.log, { tenantId });
}

/** pino's setBindings (Fastify's logger type does not declare it): adds fields to this logger in place. */
function addBindings(log: FastifyBaseLogger, bindings: Record<string, string>): void {
  const pinoLog: FastifyBaseLogger & { setBindings?: (b: Record<string, string>) => void } = log;
  if (typeof pinoLog.setBindings === 'function') pinoLog.setBindings(bindings);
}
