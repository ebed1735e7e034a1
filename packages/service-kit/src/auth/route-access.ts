import type { AccessRule } from '@plh/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Unauthorized } from '../problem';
import { assertAccess, assertSelfAccess, assertTenantAccess } from './tenant-access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call this route: a rule of @plh/contracts (`CORE_ACCESS.read`), the same the gateway's
     * route table names. Checked before the body is validated, against the `:tenantId` of the path if it
     * has one (another practice's is 404), else against roles and scopes only.
     */
    access?: AccessRule;
  }
  interface FastifyInstance {
    /** Every route this service registered, with its declared access (the gateway's table is checked against it). */
    declaredRoutes: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: AccessRule | null;
}

/** Registered by createService: records each route's declared access and enforces it. */
export const routeAccess = fp(async (app: FastifyInstance) => {
  const routes: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, access: route.config?.access ?? null });
  });
  // Before the body is validated: a caller who may not use the route learns nothing about its schema,
  // and another practice's caller gets its 404 rather than a 400.
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    // A declared rule outside an authenticated scope is still enforced: no principal, no entry.
    if (!req.principal) throw new Unauthorized('The request did not come through the gateway.');
    const tenantId = (req.params as Record<string, unknown> | undefined)?.tenantId;
    if (typeof tenantId === 'string') assertTenantAccess(req.principal, tenantId, access);
    else if (access.self) assertSelfAccess(req.principal, access);
    else assertAccess(req.principal, access);
  });
});
