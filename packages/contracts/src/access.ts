/**
 * Who may call what, said once: the gateway's route table checks these before proxying, and the
 * service that serves the route declares the same rule (`config: { access }`) and checks it again
 * (defence in depth). `services/gateway/test/route-access.int.test.ts` proves every route of the
 * table is served by its service with the same rule.
 */

/** Roles of the platform: practice staff (owner, approver, viewer) and the operations team. */
export const CUSTOMER_ROLES = ['owner', 'approver', 'viewer'] as const;
export const OPS_ROLES = ['ops_admin', 'ops_agent'] as const;
export type Role = (typeof CUSTOMER_ROLES)[number] | (typeof OPS_ROLES)[number];

export interface AccessRule {
  /** User roles allowed; ops roles listed here act across practices. */
  readonly roles: readonly Role[];
  /** API-key scopes allowed (one suffices); empty: no API keys. */
  readonly scopes: readonly string[];
  /**
   * About the caller itself (`GET /api/me`): any signed-in caller of these roles or scopes, with or
   * without a practice. Without it, a route with no `:tenantId` in its path is for the ops team only.
   */
  readonly self?: true;
  /**
   * Service-token scopes allowed on a route without a practice in its path: other services' calls
   * (internal network only; the gateway never forwards a service token).
   */
  readonly serviceScopes?: readonly string[];
}

const rule = (roles: readonly Role[], scopes: readonly string[] = []): AccessRule => ({ roles, scopes });
const EVERYONE: readonly Role[] = [...CUSTOMER_ROLES, ...OPS_ROLES];
const OWNER_OR_OPS_ADMIN: readonly Role[] = ['owner', 'ops_admin'];
const PRACTICE_WRITERS: readonly Role[] = ['owner', 'approver', 'ops_admin'];

/** The tenant service: practices, users, API keys, settings, provider roster. */
export const TENANT_ACCESS = {
  me: { ...rule(EVERYONE, ['orders:read', 'orders:write', 'patients:write']), self: true },
  /** Users only: an API key has no password. */
  changeOwnPassword: { ...rule(EVERYONE), self: true },
  /** Users only: every session of one's own ends (a lost laptop, a shared computer). */
  endOwnSessions: { ...rule(EVERYONE), self: true },
  opsRead: rule(OPS_ROLES),
  opsAdmin: rule(['ops_admin']),
  createApiKey: rule(['owner']),
  manageApiKeys: rule(OWNER_OR_OPS_ADMIN),
  listUsers: rule(['owner', 'ops_admin', 'ops_agent']),
  manageUsers: rule(OWNER_OR_OPS_ADMIN),
  readSettings: rule(EVERYONE),
  writeSettings: rule(OWNER_OR_OPS_ADMIN),
  readProviders: rule(EVERYONE),
  writeProviders: rule(OWNER_OR_OPS_ADMIN),
} as const satisfies Record<string, AccessRule>;

/** Core: projects, files, patient lists, quotes, orders, proofs' approval, invoices, tracking. */
export const CORE_ACCESS = {
  read: rule(EVERYONE, ['orders:read', 'orders:write']),
  writeProjects: rule(PRACTICE_WRITERS, ['orders:write']),
  writePatients: rule(PRACTICE_WRITERS, ['patients:write']),
  /** A patient list's rows or raw file (PHI): not the viewer, API keys only with patients:write. */
  readPatients: rule(['owner', 'approver', 'ops_admin', 'ops_agent'], ['patients:write']),
  quote: rule(PRACTICE_WRITERS, ['orders:write']),
  order: rule(PRACTICE_WRITERS, ['orders:write']),
  /** Order actions: the state machine decides which role may take which. */
  act: rule(['owner', 'approver', 'ops_admin', 'ops_agent'], ['orders:write']),
  /** A proof's approval is the practice's decision: no ops, no API key. */
  approve: rule(['owner', 'approver']),
  track: rule(OPS_ROLES),
  opsQueue: rule(OPS_ROLES),
} as const satisfies Record<string, AccessRule>;

/** The proof engine: letter library, templates, each project's letter, proof and production jobs. */
export const PROOF_ACCESS = {
  read: CORE_ACCESS.read,
  write: rule(PRACTICE_WRITERS, ['orders:write']),
  generate: rule(['owner', 'approver', 'ops_admin', 'ops_agent'], ['orders:write']),
} as const satisfies Record<string, AccessRule>;

/** Compliance: screenings, decisions, compliance events (per practice) and the sources (ops). */
export const COMPLIANCE_ACCESS = {
  read: rule(EVERYONE, ['compliance:read']),
  /** Confirming or dismissing a possible exclusion match: a decision a compliance officer signs. */
  decide: rule(['owner', 'ops_admin']),
  acknowledge: rule(['owner', 'approver', 'ops_admin', 'ops_agent']),
  opsSources: rule(['ops_admin']),
  /** Starting the departure letter an exclusion calls for: a campaign, as a practice writer would. */
  startLetter: rule(['owner', 'approver', 'ops_admin']),
  /** Alerts practices did not acknowledge in time: the ops team follows them up. */
  opsEscalations: rule(['ops_admin', 'ops_agent']),
  /** The audit trail: every role of the practice reads it (and verifies it); only owners and ops export it or sign a checkpoint. */
  auditRead: rule(EVERYONE, ['compliance:read']),
  auditExport: rule(['owner', 'ops_admin', 'ops_agent']),
} as const satisfies Record<string, AccessRule>;

/** Other services send messages through the notification service with a service token carrying this scope. */
export const NOTIFICATIONS_SEND_SCOPE = 'notifications:send';

/** The notification service: preferences, webhook endpoints, the delivery log; the seed's send API. */
export const NOTIFICATION_ACCESS = {
  /** The seed's send API and message status: the ops team, or another service (service token). */
  send: { ...rule(['ops_admin']), serviceScopes: [NOTIFICATIONS_SEND_SCOPE] },
  status: { ...rule(OPS_ROLES), serviceScopes: [NOTIFICATIONS_SEND_SCOPE] },
  /** The delivery log, preferences and endpoints: every role of the practice, and partner systems' keys. */
  read: rule(EVERYONE, ['webhooks:manage']),
  /** One's own channels, SMS number and quiet hours: the practice's users (ops have no practice). */
  ownPreferences: rule(CUSTOMER_ROLES),
  /** The practice's default channels: the owner (and ops admins). */
  managePreferences: rule(OWNER_OR_OPS_ADMIN),
  /** Webhook endpoints, their secrets, test sends and replays: the owner, ops admins, keys with webhooks:manage. */
  manageWebhooks: rule(OWNER_OR_OPS_ADMIN, ['webhooks:manage']),
} as const satisfies Record<string, AccessRule>;
