import {
  COMPLIANCE_ACCESS,
  CORE_ACCESS,
  NOTIFICATION_ACCESS,
  PROOF_ACCESS,
  TENANT_ACCESS,
  type AccessRule,
} from '@plh/contracts';
import type { Role } from '@plh/service-kit';

/** The services behind the gateway. */
export type ServiceName = 'tenant' | 'core' | 'proof-engine' | 'compliance' | 'notification';

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
  /** The body is streamed to the service unread (uploads; a small one is read whole, see proxy.ts); the service limits its size. */
  stream?: boolean;
  /**
   * A path without the practice in it (the seed's `/api/proof/…`): the caller's own practice is meant,
   * and the request goes to the service as `tenantPathOf(path)` with the caller's tenant id.
   */
  ownPractice?: boolean;
  /**
   * The service answers a repeat of this POST with the same `Idempotency-Key` by replaying its first
   * answer (core's practice routes), so a request carrying one may be sent again (requestResending).
   */
  replaysIdempotencyKey?: boolean;
}

/** `/api/proof/generate` → `/api/tenants/:tenantId/proof/generate`. */
export const tenantPathOf = (path: string) => path.replace(/^\/api\//, '/api/tenants/:tenantId/');

/** A route on one practice's resources: the `:tenantId` in the path must be the caller's (ops cross). */
function inTenant(
  method: RouteRule['method'],
  path: string,
  { roles, scopes }: AccessRule,
  service: ServiceName = 'tenant',
): RouteRule {
  return { method, path, service, access: { kind: 'authenticated', roles, scopes, tenantParam: 'tenantId' } };
}
/** A route without a practice in its path (the ops team's lists): roles and scopes only. */
const withoutTenant = (
  method: RouteRule['method'],
  path: string,
  service: ServiceName,
  { roles, scopes }: AccessRule,
) => ({ method, path, service, access: { kind: 'authenticated', roles, scopes } }) satisfies RouteRule;
const inProof = (method: RouteRule['method'], path: string, rule: AccessRule): RouteRule =>
  inTenant(method, path, rule, 'proof-engine');
const inCompliance = (method: RouteRule['method'], path: string, rule: AccessRule): RouteRule =>
  inTenant(method, path, rule, 'compliance');
const inNotification = (method: RouteRule['method'], path: string, rule: AccessRule): RouteRule =>
  inTenant(method, path, rule, 'notification');
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
const inCore = (method: RouteRule['method'], path: string, rule: AccessRule, stream = false): RouteRule => ({
  ...inTenant(method, path, rule, 'core'),
  ...(stream ? { stream: true } : {}),
  // Core keeps the answer of every practice-scoped POST with an Idempotency-Key (routes/idempotency.ts).
  ...(method === 'POST' ? { replaysIdempotencyKey: true } : {}),
});

/**
 * Every public route, and the only ones: a path not in this table is 404 at the gateway (default
 * deny), so `/internal/*` and any route a service adds without a rule here are unreachable from outside.
 */
export const ROUTES: readonly RouteRule[] = [
  // Sign-in and keys: public, with a per-IP limit on credential endpoints.
  { method: 'POST', path: '/api/auth/login', service: 'tenant', access: { kind: 'public' }, loginLimited: true },
  // Credential endpoints: the gateway's per-IP login limit applies to them too.
  {
    method: 'POST',
    path: '/api/auth/password-reset',
    service: 'tenant',
    access: { kind: 'public' },
    loginLimited: true,
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/confirm',
    service: 'tenant',
    access: { kind: 'public' },
    loginLimited: true,
  },
  withoutTenant('GET', '/api/me', 'tenant', TENANT_ACCESS.me),
  withoutTenant('POST', '/api/me/password', 'tenant', TENANT_ACCESS.changeOwnPassword),
  withoutTenant('POST', '/api/me/logout-everywhere', 'tenant', TENANT_ACCESS.endOwnSessions),
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
  withoutTenant('GET', '/api/ops/tenants', 'tenant', TENANT_ACCESS.opsRead),
  withoutTenant('POST', '/api/ops/tenants', 'tenant', TENANT_ACCESS.opsAdmin),
  inTenant('POST', '/api/ops/tenants/:tenantId/suspend', TENANT_ACCESS.opsAdmin),
  inTenant('POST', '/api/ops/tenants/:tenantId/reactivate', TENANT_ACCESS.opsAdmin),
  // Every service's dead-lettered events, kept by the tenant service's ops API.
  withoutTenant('GET', '/api/ops/dead-letters', 'tenant', TENANT_ACCESS.opsRead),
  withoutTenant('POST', '/api/ops/dead-letters/:sequence/retry', 'tenant', TENANT_ACCESS.opsAdmin),

  // A practice's API keys, users, settings and provider roster.
  inTenant('POST', '/api/tenants/:tenantId/api-keys', TENANT_ACCESS.createApiKey),
  inTenant('GET', '/api/tenants/:tenantId/api-keys', TENANT_ACCESS.manageApiKeys),
  inTenant('DELETE', '/api/tenants/:tenantId/api-keys/:apiKeyId', TENANT_ACCESS.manageApiKeys),
  inTenant('GET', '/api/tenants/:tenantId/users', TENANT_ACCESS.listUsers),
  inTenant('POST', '/api/tenants/:tenantId/users', TENANT_ACCESS.manageUsers),
  inTenant('POST', '/api/tenants/:tenantId/users/:userId/invitation', TENANT_ACCESS.manageUsers),
  inTenant('DELETE', '/api/tenants/:tenantId/users/:userId/invitation', TENANT_ACCESS.manageUsers),
  inTenant('PATCH', '/api/tenants/:tenantId/users/:userId', TENANT_ACCESS.manageUsers),
  inTenant('GET', '/api/tenants/:tenantId/settings', TENANT_ACCESS.readSettings),
  inTenant('PATCH', '/api/tenants/:tenantId/settings', TENANT_ACCESS.writeSettings),
  inTenant('GET', '/api/tenants/:tenantId/providers', TENANT_ACCESS.readProviders),
  inTenant('POST', '/api/tenants/:tenantId/providers', TENANT_ACCESS.writeProviders),
  inTenant('PUT', '/api/tenants/:tenantId/providers/:providerId', TENANT_ACCESS.writeProviders),
  inTenant('DELETE', '/api/tenants/:tenantId/providers/:providerId', TENANT_ACCESS.writeProviders),

  // Campaigns, files, patient lists, quotes and orders (core).
  inCore('POST', '/api/tenants/:tenantId/projects', CORE_ACCESS.writeProjects),
  inCore('GET', '/api/tenants/:tenantId/projects', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/projects/:projectId', CORE_ACCESS.read),
  inCore('POST', '/api/tenants/:tenantId/projects/:projectId/archive', CORE_ACCESS.writeProjects),
  inCore('POST', '/api/tenants/:tenantId/projects/:projectId/restore', CORE_ACCESS.writeProjects),
  inCore('GET', '/api/tenants/:tenantId/projects/:projectId/files', CORE_ACCESS.read),
  inCore('POST', '/api/tenants/:tenantId/projects/:projectId/files/:kind', CORE_ACCESS.writeProjects, true),
  inCore('GET', '/api/tenants/:tenantId/files/:revisionId/download', CORE_ACCESS.read),
  inCore('POST', '/api/tenants/:tenantId/projects/:projectId/patient-lists', CORE_ACCESS.writePatients, true),
  inCore('GET', '/api/tenants/:tenantId/projects/:projectId/patient-lists', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/patient-lists/:listId', CORE_ACCESS.read),
  inCore('DELETE', '/api/tenants/:tenantId/patient-lists/:listId', CORE_ACCESS.writePatients),
  inCore('GET', '/api/tenants/:tenantId/patient-lists/:listId/issues', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/patient-lists/:listId/issues.csv', CORE_ACCESS.read),
  inCore('PUT', '/api/tenants/:tenantId/patient-lists/:listId/mapping', CORE_ACCESS.writePatients),
  inCore('POST', '/api/tenants/:tenantId/patient-lists/:listId/accept', CORE_ACCESS.writePatients),
  inCore('GET', '/api/tenants/:tenantId/patient-lists/:listId/recipients', CORE_ACCESS.readPatients),
  inCore('POST', '/api/tenants/:tenantId/quotes', CORE_ACCESS.quote),
  inCore('GET', '/api/tenants/:tenantId/quotes', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/quotes/:quoteId', CORE_ACCESS.read),
  inCore('POST', '/api/tenants/:tenantId/orders', CORE_ACCESS.order),
  inCore('GET', '/api/tenants/:tenantId/orders', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/timeline', CORE_ACCESS.read),
  inCore('PUT', '/api/tenants/:tenantId/orders/:orderId', CORE_ACCESS.act),
  inCore('POST', '/api/tenants/:tenantId/orders/:orderId/:action', CORE_ACCESS.act),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/proofs', CORE_ACCESS.read),
  inCore('POST', '/api/tenants/:tenantId/orders/:orderId/approval', CORE_ACCESS.approve),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/invoice', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/invoices', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/invoices/:invoiceId/pdf', CORE_ACCESS.read),
  inCore('POST', '/api/tenants/:tenantId/orders/:orderId/tracking', CORE_ACCESS.track),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/tracking', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/orders/:orderId/mail-pieces', CORE_ACCESS.read),
  inCore('GET', '/api/tenants/:tenantId/dashboard', CORE_ACCESS.read),

  // Proof engine: letter library and templates, each project's letter, proof/production jobs.
  inProof('GET', '/api/tenants/:tenantId/proof/library', PROOF_ACCESS.read),
  inProof('POST', '/api/tenants/:tenantId/proof/templates', PROOF_ACCESS.write),
  inProof('GET', '/api/tenants/:tenantId/proof/templates', PROOF_ACCESS.read),
  inProof('POST', '/api/tenants/:tenantId/proof/templates/preview', PROOF_ACCESS.read),
  inProof('GET', '/api/tenants/:tenantId/proof/templates/:templateId', PROOF_ACCESS.read),
  inProof('PUT', '/api/tenants/:tenantId/proof/templates/:templateId', PROOF_ACCESS.write),
  inProof('DELETE', '/api/tenants/:tenantId/proof/templates/:templateId', PROOF_ACCESS.write),
  inProof('PUT', '/api/tenants/:tenantId/proof/projects/:projectId/letter', PROOF_ACCESS.write),
  inProof('GET', '/api/tenants/:tenantId/proof/projects/:projectId/letter', PROOF_ACCESS.read),
  inProof('POST', '/api/tenants/:tenantId/proof/generate', PROOF_ACCESS.generate),
  inProof('GET', '/api/tenants/:tenantId/proof/status/:jobId', PROOF_ACCESS.read),
  inProof('GET', '/api/tenants/:tenantId/proof/jobs', PROOF_ACCESS.read),
  inProof('POST', '/api/tenants/:tenantId/proof/jobs/:jobId/retry', PROOF_ACCESS.generate),
  inProof('GET', '/api/tenants/:tenantId/proof/download/:jobId', PROOF_ACCESS.read),
  // The phase 2 plan's paths: the same three operations on the caller's own practice.
  ownPractice(inProof('POST', '/api/tenants/:tenantId/proof/generate', PROOF_ACCESS.generate)),
  ownPractice(inProof('GET', '/api/tenants/:tenantId/proof/status/:jobId', PROOF_ACCESS.read)),
  ownPractice(inProof('GET', '/api/tenants/:tenantId/proof/download/:jobId', PROOF_ACCESS.read)),
  withoutTenant('GET', '/api/ops/orders', 'core', CORE_ACCESS.opsQueue),
  // A fulfilment provider's tracking webhook: authenticated by core (HMAC over the body).
  { method: 'POST', path: '/api/webhooks/fulfilment/:provider', service: 'core', access: { kind: 'public' } },
  // Signed download links of core's local file storage: the signature is the credential.
  { method: 'GET', path: '/api/files/*', service: 'core', access: { kind: 'public' } },

  // Compliance: each practice's screenings, decisions and events; the sources for ops.
  inCompliance('GET', '/api/tenants/:tenantId/compliance/screenings', COMPLIANCE_ACCESS.read),
  inCompliance('POST', '/api/tenants/:tenantId/compliance/screenings/:providerId/decision', COMPLIANCE_ACCESS.decide),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/events', COMPLIANCE_ACCESS.read),
  inCompliance('POST', '/api/tenants/:tenantId/compliance/events/:eventId/acknowledge', COMPLIANCE_ACCESS.acknowledge),
  inCompliance('POST', '/api/tenants/:tenantId/compliance/events/:eventId/resolve', COMPLIANCE_ACCESS.acknowledge),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/summary', COMPLIANCE_ACCESS.read),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/attestation', COMPLIANCE_ACCESS.read),
  inCompliance(
    'POST',
    '/api/tenants/:tenantId/compliance/events/:eventId/departure-letter',
    COMPLIANCE_ACCESS.startLetter,
  ),
  // The audit trail: read and verified by the practice, exported and checkpointed by owners and ops;
  // the checkpoints' public keys are public (an auditor verifies an export with nothing else).
  inCompliance('GET', '/api/tenants/:tenantId/compliance/audit', COMPLIANCE_ACCESS.auditRead),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/audit/verify', COMPLIANCE_ACCESS.auditRead),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/audit/entries/:seq/proof', COMPLIANCE_ACCESS.auditRead),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/audit/consistency', COMPLIANCE_ACCESS.auditRead),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/audit/checkpoints', COMPLIANCE_ACCESS.auditRead),
  inCompliance('POST', '/api/tenants/:tenantId/compliance/audit/checkpoints', COMPLIANCE_ACCESS.auditExport),
  inCompliance('GET', '/api/tenants/:tenantId/compliance/audit/export', COMPLIANCE_ACCESS.auditExport),
  { method: 'GET', path: '/api/compliance/audit/public-keys', service: 'compliance', access: { kind: 'public' } },
  withoutTenant('GET', '/api/ops/compliance/sources', 'compliance', COMPLIANCE_ACCESS.opsSources),
  withoutTenant('PUT', '/api/ops/compliance/sources/:source', 'compliance', COMPLIANCE_ACCESS.opsSources),
  withoutTenant('POST', '/api/ops/compliance/sources/:source/sync', 'compliance', COMPLIANCE_ACCESS.opsSources),
  withoutTenant('GET', '/api/ops/compliance/syncs/:syncId', 'compliance', COMPLIANCE_ACCESS.opsSources),
  withoutTenant('GET', '/api/ops/compliance/escalations', 'compliance', COMPLIANCE_ACCESS.opsEscalations),
  {
    ...withoutTenant('POST', '/api/ops/compliance/sources/oig-leie/files', 'compliance', COMPLIANCE_ACCESS.opsSources),
    stream: true,
  },

  // Notifications: the seed's send API (ops admins here; other services call the service directly with
  // a service token), each practice's preferences, webhook endpoints and delivery log.
  withoutTenant('POST', '/api/notifications/email', 'notification', NOTIFICATION_ACCESS.send),
  withoutTenant('POST', '/api/notifications/sms', 'notification', NOTIFICATION_ACCESS.send),
  withoutTenant('POST', '/api/notifications/webhook', 'notification', NOTIFICATION_ACCESS.send),
  withoutTenant('GET', '/api/notifications/status/:id', 'notification', NOTIFICATION_ACCESS.status),
  inNotification('GET', '/api/tenants/:tenantId/notifications/preferences', NOTIFICATION_ACCESS.read),
  inNotification('PUT', '/api/tenants/:tenantId/notifications/preferences', NOTIFICATION_ACCESS.managePreferences),
  inNotification('GET', '/api/tenants/:tenantId/notifications/preferences/me', NOTIFICATION_ACCESS.ownPreferences),
  inNotification('PUT', '/api/tenants/:tenantId/notifications/preferences/me', NOTIFICATION_ACCESS.ownPreferences),
  inNotification('GET', '/api/tenants/:tenantId/notifications/webhooks', NOTIFICATION_ACCESS.read),
  inNotification('POST', '/api/tenants/:tenantId/notifications/webhooks', NOTIFICATION_ACCESS.manageWebhooks),
  inNotification('GET', '/api/tenants/:tenantId/notifications/webhooks/:endpointId', NOTIFICATION_ACCESS.read),
  inNotification(
    'PATCH',
    '/api/tenants/:tenantId/notifications/webhooks/:endpointId',
    NOTIFICATION_ACCESS.manageWebhooks,
  ),
  inNotification(
    'DELETE',
    '/api/tenants/:tenantId/notifications/webhooks/:endpointId',
    NOTIFICATION_ACCESS.manageWebhooks,
  ),
  inNotification(
    'POST',
    '/api/tenants/:tenantId/notifications/webhooks/:endpointId/rotate-secret',
    NOTIFICATION_ACCESS.manageWebhooks,
  ),
  inNotification(
    'POST',
    '/api/tenants/:tenantId/notifications/webhooks/:endpointId/test',
    NOTIFICATION_ACCESS.manageWebhooks,
  ),
  inNotification(
    'POST',
    '/api/tenants/:tenantId/notifications/webhooks/:endpointId/replay',
    NOTIFICATION_ACCESS.manageWebhooks,
  ),
  inNotification('GET', '/api/tenants/:tenantId/notifications/messages', NOTIFICATION_ACCESS.read),
  inNotification('GET', '/api/tenants/:tenantId/notifications/messages/:messageId', NOTIFICATION_ACCESS.read),
  inNotification(
    'POST',
    '/api/tenants/:tenantId/notifications/messages/:messageId/replay',
    NOTIFICATION_ACCESS.manageWebhooks,
  ),
  // The providers' callbacks: authenticated by the notification service (SendGrid's ECDSA signature,
  // X-Twilio-Signature) over the exact body.
  {
    method: 'POST',
    path: '/api/notifications/callbacks/sendgrid/events',
    service: 'notification',
    access: { kind: 'public' },
  },
  {
    method: 'POST',
    path: '/api/notifications/callbacks/twilio/status',
    service: 'notification',
    access: { kind: 'public' },
  },
  {
    method: 'POST',
    path: '/api/notifications/callbacks/twilio/inbound',
    service: 'notification',
    access: { kind: 'public' },
  },
];
