import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry';

const Id = Type.String({ minLength: 1, maxLength: 64 });

/** A partner-system API key was created (ids and scopes only; never the key). */
export const ApiKeyCreated = defineEvent(
  'plh.tenant.api-key.created',
  Type.Object({ apiKeyId: Id, scopes: Type.Array(Type.String()), createdBy: Id }, { additionalProperties: false }),
  'An owner created an API key for their tenant',
);

/** An API key was revoked: the gateway drops it from its cache. */
export const ApiKeyRevoked = defineEvent(
  'plh.tenant.api-key.revoked',
  Type.Object({ apiKeyId: Id, revokedBy: Id }, { additionalProperties: false }),
  'An API key was revoked',
);

/** A provider joined the roster or changed (the compliance service screens them). */
export const ProviderAdded = defineEvent(
  'plh.tenant.provider.added',
  Type.Object({ providerId: Id }, { additionalProperties: false }),
  'A provider was added to a practice roster',
);
export const ProviderChanged = defineEvent(
  'plh.tenant.provider.changed',
  Type.Object({ providerId: Id }, { additionalProperties: false }),
  'A roster entry changed (name, date of birth, license)',
);
export const ProviderRemoved = defineEvent(
  'plh.tenant.provider.removed',
  Type.Object({ providerId: Id }, { additionalProperties: false }),
  'A provider left the roster',
);

/** Ops provisioned a new practice. */
export const TenantCreated = defineEvent(
  'plh.tenant.tenant.created',
  // createdBy: the ops user; null when a script created it (the demo seed).
  Type.Object({ tenantId: Id, createdBy: Type.Union([Id, Type.Null()]) }, { additionalProperties: false }),
  'A practice was provisioned',
);

/**
 * A user was invited (or the invitation sent again): the invitation email is the notification
 * service's job, so the event carries the one-time token of the accept link (only its hash is
 * stored; logs redact it) and when it expires; the address it reads from the tenant service by user
 * id (no addresses in events). Older events have neither.
 */
export const UserInvited = defineEvent(
  'plh.tenant.user.invited',
  Type.Object(
    {
      userId: Id,
      inviteId: Id,
      role: Type.String(),
      acceptToken: Type.Optional(Type.String({ maxLength: 200 })),
      expiresAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 time the link stops working' })),
    },
    { additionalProperties: false },
  ),
  'A user was invited',
);

/** An invited user accepted and set a password. */
export const UserActivated = defineEvent(
  'plh.tenant.user.activated',
  Type.Object({ userId: Id }, { additionalProperties: false }),
  'An invited user became active',
);

/** A practice was suspended (its sessions and API keys stop working) or reactivated. */
export const TenantSuspended = defineEvent(
  'plh.tenant.tenant.suspended',
  Type.Object({ tenantId: Id, suspendedBy: Id }, { additionalProperties: false }),
  'A practice was suspended',
);
export const TenantReactivated = defineEvent(
  'plh.tenant.tenant.reactivated',
  Type.Object({ tenantId: Id, reactivatedBy: Id }, { additionalProperties: false }),
  'A suspended practice was reactivated',
);

/** Settings or feature flags of a practice changed (the keys, not the values). */
export const SettingsChanged = defineEvent(
  'plh.tenant.settings.changed',
  Type.Object(
    { keys: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }), changedBy: Id },
    { additionalProperties: false },
  ),
  'Tenant settings or feature flags changed',
);

/** A user's role or status changed (suspension revokes their sessions). */
export const UserChanged = defineEvent(
  'plh.tenant.user.changed',
  Type.Object(
    { userId: Id, role: Type.Optional(Type.String()), status: Type.Optional(Type.String()), changedBy: Id },
    { additionalProperties: false },
  ),
  "A user's role or status changed",
);

/**
 * Someone asked to reset a forgotten password: the notification service emails the reset link (the
 * one-time token is here, its hash in the database; logs redact it) to the user's address, which it
 * reads by user id.
 */
export const PasswordResetRequested = defineEvent(
  'plh.tenant.user.password-reset-requested',
  Type.Object(
    {
      userId: Id,
      resetToken: Type.String({ maxLength: 200 }),
      expiresAt: Type.String({ maxLength: 40, description: 'ISO 8601 time the link stops working' }),
    },
    { additionalProperties: false },
  ),
  'A password reset was requested',
);

export const TENANT_EVENTS = [
  PasswordResetRequested,
  ApiKeyCreated,
  ApiKeyRevoked,
  ProviderAdded,
  ProviderChanged,
  ProviderRemoved,
  TenantCreated,
  UserInvited,
  UserActivated,
  TenantSuspended,
  TenantReactivated,
  SettingsChanged,
  UserChanged,
];
