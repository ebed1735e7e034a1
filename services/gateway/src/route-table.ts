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

/**
 * Every public route, and the only ones: a path not in this table is 404 at the gateway (default
 * deny), so `/internal/*` and any route a service adds without a rule here are unreachable from outside.
 */
const EVERYONE: readonly Role[] = ['owner', 'approver', 'viewer', 'ops_admin', 'ops_agent'];

export const ROUTES: readonly RouteRule[] = [
  // Ops-side provisioning: a new practice with its owner's invitation.
  {
    method: 'POST',
    path: '/api/ops/tenants',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['ops_admin'], scopes: [] },
  },
  {
    method: 'POST',
    path: '/api/ops/tenants/:tenantId/suspend',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'POST',
    path: '/api/ops/tenants/:tenantId/reactivate',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
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
  {
    method: 'POST',
    path: '/api/tenants/:tenantId/api-keys',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'GET',
    path: '/api/tenants/:tenantId/api-keys',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner', 'ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'DELETE',
    path: '/api/tenants/:tenantId/api-keys/:apiKeyId',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner', 'ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'GET',
    path: '/api/tenants/:tenantId/settings',
    service: 'tenant',
    access: { kind: 'authenticated', roles: EVERYONE, scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'PATCH',
    path: '/api/tenants/:tenantId/settings',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner', 'ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'GET',
    path: '/api/tenants/:tenantId/providers',
    service: 'tenant',
    access: { kind: 'authenticated', roles: EVERYONE, scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'POST',
    path: '/api/tenants/:tenantId/providers',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner', 'ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'PUT',
    path: '/api/tenants/:tenantId/providers/:providerId',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner', 'ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
  {
    method: 'DELETE',
    path: '/api/tenants/:tenantId/providers/:providerId',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['owner', 'ops_admin'], scopes: [], tenantParam: 'tenantId' },
  },
];
