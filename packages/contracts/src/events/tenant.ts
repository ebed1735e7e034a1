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

export const TENANT_EVENTS = [ApiKeyCreated, ApiKeyRevoked];
