import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Span } from '@opentelemetry/api';
import fp from 'fastify-plugin';
import { traceIdOf } from './traceparent';
import { beginSpan, finishSpan, SpanKind } from './tracing';

export { nextTraceparent, traceIdOf } from './traceparent';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's `x-request-id` when it is a sane token (it ends up in logs), else mints one. */
export function genRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

declare module 'fastify' {
  interface FastifyRequest {
    traceparent: string;
    /** This request's server span (tracing on), ended with the response. */
    serverSpan: Span | undefined;
  }
}

/**
 * Echoes the request id, sets up trace context and binds both to the request's logger.
 * Wrapped with fastify-plugin so its hooks apply to every route of the service, not just its own scope.
 */
export const requestContext = fp(async function requestContext(app: FastifyInstance): Promise<void> {
  app.decorateRequest('traceparent', '');
  app.decorateRequest('serverSpan', undefined);
  // Callback-style hooks: an async one costs a promise per request on every service's hot path.
  app.addHook('onRequest', (req: FastifyRequest, reply, done) => {
    // The path without its query (ids only; a query may carry what a person typed).
    const { span, traceparent } = beginSpan(
      req.method,
      SpanKind.SERVER,
      req.headers.traceparent as string | undefined,
      {
        'http.request.method': req.method,
        'url.path': req.url.split('?')[0]!,
      },
    );
    req.traceparent = traceparent;
    req.serverSpan = span;
    // The request's own child logger gains the binding (no second child per request).
    addBindings(req.log, { traceId: traceIdOf(req.traceparent) });
    reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const span = req.serverSpan;
    if (span) {
      const route = req.routeOptions.url;
      if (route) span.updateName(`${req.method} ${route}`);
      finishSpan(span, {
        attributes: { 'http.response.status_code': reply.statusCode, ...(route ? { 'http.route': route } : {}) },
        ...(reply.statusCode >= 500 ? { error: { name: `HTTP ${reply.statusCode}` } } : {}),
      });
    }
    done();
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
