import type { Role } from '@plh/service-kit';

/** The services behind the gateway. */
export type ServiceName = 'tenant';

export type Access =
  | { kind: 'public' }
  | {
      kind: 'authenticated';
      /** User roles allowed (ops roles listed here may cross tenants). */
      roles: readonly Role[];
      /** API-key scopes allowed (a key needs one of them); empty: no API keys. */
      scopes: readonly string[];
      /** Path parameter that names the tenant; customers and keys must belong to it. */
      tenantParam?: string;
    };

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  service: ServiceName;
  access: Access;
  /** Extra per-IP limit for credential endpoints. */
  loginLimited?: boolean;
}

const EVERYONE: readonly Role[] = ['owner', 'approver', 'viewer', 'ops_admin', 'ops_agent'];
const OWNER_OR_OPS: readonly Role[] = ['owner', 'ops_admin'];

/** A route on one practice's resources: the `:tenantId` in the path must be the caller's (ops cross). */
function inTenant(
  method: RouteRule['method'],
  path: string,
  roles: readonly Role[],
  scopes: readonly string[] = [],
): RouteRule {
  return { method, path, service: 'tenant', access: { kind: 'authenticated', roles, scopes, tenantParam: 'tenantId' } };
}

/**
 * Every public route, and the only ones: a path not in this table is 404 at the gateway (default
 * deny), so `/internal/*` and any route a service adds without a rule here are unreachable from outside.
 */
export const ROUTES: readonly RouteRule[] = [
  // Sign-in and keys: public, with a per-IP limit on credential endpoints.
  { method: 'POST', path: '/api/auth/login', service: 'tenant', access: { kind: 'public' }, loginLimited: true },
  { method: 'POST', path: '/api/auth/refresh', service: 'tenant', access: { kind: 'public' }, loginLimited: true },
  { method: 'POST', path: '/api/auth/logout', service: 'tenant', access: { kind: 'public' } },
  {
    method: 'POST',
    path: '/api/auth/accept-invite',
    service: 'tenant',
    access: { kind: 'public' },
    loginLimited: true,
  },
  { method: 'GET', path: '/.well-known/jwks.json', service: 'tenant', access: { kind: 'public' } },

  // Ops-side provisioning and suspension.
  {
    method: 'POST',
    path: '/api/ops/tenants',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['ops_admin'], scopes: [] },
  },
  inTenant('POST', '/api/ops/tenants/:tenantId/suspend', ['ops_admin']),
  inTenant('POST', '/api/ops/tenants/:tenantId/reactivate', ['ops_admin']),

  // A practice's API keys, users, settings and provider roster.
  inTenant('POST', '/api/tenants/:tenantId/api-keys', ['owner']),
  inTenant('GET', '/api/tenants/:tenantId/api-keys', OWNER_OR_OPS),
  inTenant('DELETE', '/api/tenants/:tenantId/api-keys/:apiKeyId', OWNER_OR_OPS),
  inTenant('GET', '/api/tenants/:tenantId/users', ['owner', 'ops_admin', 'ops_agent']),
  inTenant('PATCH', '/api/tenants/:tenantId/users/:userId', OWNER_OR_OPS),
  inTenant('GET', '/api/tenants/:tenantId/settings', EVERYONE),
  inTenant('PATCH', '/api/tenants/:tenantId/settings', OWNER_OR_OPS),
  inTenant('GET', '/api/tenants/:tenantId/providers', EVERYONE),
  inTenant('POST', '/api/tenants/:tenantId/providers', OWNER_OR_OPS),
  inTenant('PUT', '/api/tenants/:tenantId/providers/:providerId', OWNER_OR_OPS),
  inTenant('DELETE', '/api/tenants/:tenantId/providers/:providerId', OWNER_OR_OPS),
];
