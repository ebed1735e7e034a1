import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { bindTenant } from '../request-context';
import { Unauthorized } from '../problem';
import {
  createInternalTokenVerifier,
  INTERNAL_TOKEN_HEADER,
  parseJwks,
  type InternalTokenVerifier,
  type Principal,
} from './internal-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requirePrincipal` for routes registered after it in the same scope. */
    principal: Principal | null;
  }
}

/** Decorates requests with `principal` (null until a scope authenticates). Registered by createService. */
export const principalDecorator = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null);
});

/**
 * Default deny for a scope: every route registered in it needs a valid internal token, from which
 * `req.principal` is set and the tenant bound to the request's logs.
 * Use: `app.register(async (scope) => { requirePrincipal(scope, verify); scope.get(...) })`.
 */
export function requirePrincipal(scope: FastifyInstance, verify: InternalTokenVerifier): void {
  scope.addHook('onRequest', async (req: FastifyRequest) => {
    const token = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof token !== 'string' || token.length === 0)
      throw new Unauthorized('The request did not come through the gateway.');
    req.principal = await verify(token);
    if (req.principal.tenantId) bindTenant(req, req.principal.tenantId);
  });
}

/**
 * The usual shape of the above: a scope whose every route needs an internal token signed by one of
 * `INTERNAL_TOKEN_JWKS`'s keys for this service (`audience`), with the routes `register` adds.
 */
export async function registerInternalRoutes(
  app: FastifyInstance,
  options: { jwks: string; audience: string },
  register: (scope: FastifyInstance) => Promise<void>,
): Promise<void> {
  const verify = createInternalTokenVerifier({ jwks: parseJwks(options.jwks), audience: options.audience });
  await app.register(async (scope) => {
    requirePrincipal(scope, verify);
    await register(scope);
  });
}

/** The principal of an authenticated request (throws if the route was not in a `requirePrincipal` scope). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Unauthorized();
  return req.principal;
}
