import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { nextTraceparent } from './traceparent';

/** Who acts: a person, a partner system's API key, a service (event, schedule), or nobody known yet (a login). */
export interface Actor {
  kind: 'user' | 'api_key' | 'service' | 'anonymous';
  id: string | null;
  role: string | null;
  tenantId: string | null;
}

/**
 * What domain code may need to know about the work it is part of, without every function passing
 * it on: who acts, which request or event caused it, and the trace it belongs to. The unit of work
 * reads it for audit records and event envelopes.
 */
export interface WorkContext {
  actor: Actor;
  requestId: string | null;
  traceparent: string | null;
  /** As the gateway signed them into the internal token (or as this service saw them on a public route). */
  clientIp: string | null;
  userAgent: string | null;
}

const storage = new AsyncLocalStorage<WorkContext>();

/** The context of the request or event being handled; undefined outside of one (scripts, start-up). */
export function currentContext(): WorkContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it awaits) with `context` as the current one. */
export function runInContext<T>(context: WorkContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Work a service does on its own: handling an event (`cause` continues the event's trace and names
 * it), a scheduled job, a CLI command.
 */
export function serviceContext(service: string, cause?: { id: string; traceparent: string | null }): WorkContext {
  return {
    actor: { kind: 'service', id: service, role: null, tenantId: null },
    requestId: cause?.id ?? null,
    traceparent: nextTraceparent(cause?.traceparent ?? undefined),
    clientIp: null,
    userAgent: null,
  };
}

function contextOf(req: FastifyRequest): WorkContext {
  const principal = req.principal;
  const userAgent = req.headers['user-agent'];
  return {
    actor: principal
      ? { kind: principal.kind, id: principal.id, role: principal.role, tenantId: principal.tenantId }
      : { kind: 'anonymous', id: null, role: null, tenantId: null },
    requestId: String(req.id),
    traceparent: req.traceparent,
    clientIp: principal?.client?.ip ?? req.ip ?? null,
    userAgent: principal?.client
      ? principal.client.userAgent
      : typeof userAgent === 'string'
        ? userAgent.slice(0, 256)
        : null,
  };
}

/**
 * Makes the request's context current for its handler. preHandler: authentication (onRequest) and
 * body parsing are done, and Fastify calls the handler synchronously from `done`, so the handler
 * and everything it awaits run inside `storage.run`.
 */
export const workContext = fp(async function workContext(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', (req, _reply, done) => storage.run(contextOf(req), done));
});
