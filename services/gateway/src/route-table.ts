import type { Role } from '@plh/service-kit';

/** The services behind the gateway. */
export type ServiceName = 'tenant' | 'core' | 'proof-engine';

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
  /** The body is streamed to the service unread (uploads); the service limits its size. */
  stream?: boolean;
  /**
   * A path without the practice in it (the seed's `/api/proof/…`): the caller's own practice is meant,
   * and the request goes to the service as `tenantPathOf(path)` with the caller's tenant id.
   */
  ownPractice?: boolean;
}

/** `/api/proof/generate` → `/api/tenants/:tenantId/proof/generate`. */
export const tenantPathOf = (path: string) => path.replace(/^\/api\//, '/api/tenants/:tenantId/');

const EVERYONE: readonly Role[] = ['owner', 'approver', 'viewer', 'ops_admin', 'ops_agent'];
const OWNER_OR_OPS: readonly Role[] = ['owner', 'ops_admin'];

/** A route on one practice's resources: the `:tenantId` in the path must be the caller's (ops cross). */
function inTenant(
  method: RouteRule['method'],
  path: string,
  roles: readonly Role[],
  scopes: readonly string[] = [],
  service: ServiceName = 'tenant',
): RouteRule {
  return { method, path, service, access: { kind: 'authenticated', roles, scopes, tenantParam: 'tenantId' } };
}

/** Core's rules (services/core/src/routes/access.ts says the same; the table test proves they agree). */
const CORE = {
  read: [EVERYONE, ['orders:read', 'orders:write']],
  writeProjects: [['owner', 'approver', 'ops_admin'], ['orders:write']],
  writePatients: [['owner', 'approver', 'ops_admin'], ['patients:write']],
  readPatients: [['owner', 'approver', 'ops_admin', 'ops_agent'], ['patients:write']],
  order: [['owner', 'approver', 'ops_admin'], ['orders:write']],
  act: [['owner', 'approver', 'ops_admin', 'ops_agent'], ['orders:write']],
  approve: [['owner', 'approver'], []],
  track: [['ops_admin', 'ops_agent'], []],
} as const satisfies Record<string, readonly [readonly Role[], readonly string[]]>;
/** The proof engine's rules (services/proof-engine/src/routes/access.ts says the same). */
const PROOF = {
  read: CORE.read,
  write: [['owner', 'approver', 'ops_admin'], ['orders:write']],
  generate: [['owner', 'approver', 'ops_admin', 'ops_agent'], ['orders:write']],
} as const satisfies Record<string, readonly [readonly Role[], readonly string[]]>;
const inProof = (
  method: RouteRule['method'],
  path: string,
  [roles, scopes]: readonly [readonly Role[], readonly string[]],
): RouteRule => inTenant(method, path, roles, scopes, 'proof-engine');
/** The same operation on the caller's own practice, by a path without `:tenantId`. */
const ownPractice = (rule: RouteRule): RouteRule => {
  if (rule.access.kind !== 'authenticated') throw new Error('ownPractice needs an authenticated rule');
  const { tenantParam: _tenant, ...access } = rule.access;
  return {
    ...rule,
    path: rule.path.replace('/api/tenants/:tenantId/', '/api/'),
    // Ops accounts belong to no practice: they use the tenant path.
    access: { ...access, roles: access.roles.filter((r) => r !== 'ops_admin' && r !== 'ops_agent') },
    ownPractice: true,
  };
};
const inCore = (
  method: RouteRule['method'],
  path: string,
  [roles, scopes]: readonly [readonly Role[], readonly string[]],
  stream = false,
): RouteRule => ({
  ...inTenant(method, path, roles, scopes, 'core'),
  ...(stream ? { stream: true } : {}),
});

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

  // Ops-side practice list, provisioning and suspension.
  {
    method: 'GET',
    path: '/api/ops/tenants',
    service: 'tenant',
    access: { kind: 'authenticated', roles: ['ops_admin', 'ops_agent'], scopes: [] },
  },
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

  // Campaigns, files, patient lists, quotes and orders (core).
  inCore('POST', '/api/tenants/:tenantId/projects', CORE.writeProjects),
  inCore('GET', '/api/tenants/:tenantId/projects', CORE.read),
  inCore('GET', '/api/tenants/:tenantId/projects/:projectId', CORE.read),
  inCore('GET', '/api/tenants/:tenantId/projects/:projectId/files', CORE.read),
  inCore('POST', '/api/tenants/:tenantId/projects/:projectId/files/:kind', CORE.writeProjects, true),
  inCore('GET', '/api/tenants/:tenantId/files/:revisionId/download', CORE.read),
  inCore('POST', '/api/tenants/:tenantId/projects/:projectId/patient-lists', CORE.writePatients, true),
  inCore('GET', '/api/tenants/:tenantId/patient-lists/:listId', CORE.read),
  inCore('PUT', '/api/tenants/:tenantId/patient-lists/:listId/mapping', CORE.writePatients),
  inCore('POST', '/api/tenants/:tenantId/patient-lists/:listId/accept', CORE.writePatients),
  inCore('GET', '/api/tenants/:tenantId/patient-lists/:listId/recipients', CORE.readPatients),
  inCore('POST', '/api/tenants/:tenantId/quotes', CORE.order),
  inCore('GET', '/api/tenants/:tenantId/quotes/:quoteId', CORE.read),
  inCore('POST', '/api/tenants/:tenantId/orders', CORE.order),
  inCore('GET', '/api/tenants/:tenantId/orders', CORE.read),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId', CORE.read),
  inCore('PUT', '/api/tenants/:tenantId/orders/:orderId', CORE.act),
  inCore('POST', '/api/tenants/:tenantId/orders/:orderId/:action', CORE.act),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/proofs', CORE.read),
  inCore('POST', '/api/tenants/:tenantId/orders/:orderId/approval', CORE.approve),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/invoice', CORE.read),
  inCore('GET', '/api/tenants/:tenantId/invoices/:invoiceId/pdf', CORE.read),
  inCore('POST', '/api/tenants/:tenantId/orders/:orderId/tracking', CORE.track),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/tracking', CORE.read),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/mail-pieces', CORE.read),
  inCore('GET', '/api/tenants/:tenantId/dashboard', CORE.read),

  // Proof engine: letter library and templates, each project's letter, proof/production jobs.
  inProof('GET', '/api/tenants/:tenantId/proof/library', PROOF.read),
  inProof('POST', '/api/tenants/:tenantId/proof/templates', PROOF.write),
  inProof('GET', '/api/tenants/:tenantId/proof/templates', PROOF.read),
  inProof('POST', '/api/tenants/:tenantId/proof/templates/preview', PROOF.read),
  inProof('GET', '/api/tenants/:tenantId/proof/templates/:templateId', PROOF.read),
  inProof('PUT', '/api/tenants/:tenantId/proof/templates/:templateId', PROOF.write),
  inProof('DELETE', '/api/tenants/:tenantId/proof/templates/:templateId', PROOF.write),
  inProof('PUT', '/api/tenants/:tenantId/proof/projects/:projectId/letter', PROOF.write),
  inProof('GET', '/api/tenants/:tenantId/proof/projects/:projectId/letter', PROOF.read),
  inProof('POST', '/api/tenants/:tenantId/proof/generate', PROOF.generate),
  inProof('GET', '/api/tenants/:tenantId/proof/status/:jobId', PROOF.read),
  inProof('GET', '/api/tenants/:tenantId/proof/jobs', PROOF.read),
  inProof('POST', '/api/tenants/:tenantId/proof/jobs/:jobId/retry', PROOF.generate),
  inProof('GET', '/api/tenants/:tenantId/proof/download/:jobId', PROOF.read),
  // The phase 2 plan's paths: the same three operations on the caller's own practice.
  ownPractice(inProof('POST', '/api/tenants/:tenantId/proof/generate', PROOF.generate)),
  ownPractice(inProof('GET', '/api/tenants/:tenantId/proof/status/:jobId', PROOF.read)),
  ownPractice(inProof('GET', '/api/tenants/:tenantId/proof/download/:jobId', PROOF.read)),
  {
    method: 'GET',
    path: '/api/ops/orders',
    service: 'core',
    access: { kind: 'authenticated', roles: ['ops_admin', 'ops_agent'], scopes: [] },
  },
  // A fulfilment provider's tracking webhook: authenticated by core (HMAC over the body).
  { method: 'POST', path: '/api/webhooks/fulfilment/:provider', service: 'core', access: { kind: 'public' } },
  // Signed download links of core's local file storage: the signature is the credential.
  { method: 'GET', path: '/api/files/*', service: 'core', access: { kind: 'public' } },
];
