import { Type, type Static } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../registry';

const obj = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
/** A value an audit record may show: short scalars. PHI never: the builder drops values of PHI fields. */
const Scalar = Nullable(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]));

/**
 * One audited action, as every service records it inside the transaction of the change (or of the
 * PHI read) and the audit trail hash-chains it per practice. Ids, codes and field names only: a
 * record says *that* a patient list was read and by whom, never what it holds.
 */
export const AuditRecordSchema = obj({
  /** `<resource>.<verb>`, like subjects: `order.approve`, `patient-list.read`, `auth.login`. */
  action: Type.String({ pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$', maxLength: 64 }),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
  resource: obj({
    type: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 32 }),
    id: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  }),
  actor: obj({
    kind: Type.Union([
      Type.Literal('user'),
      Type.Literal('api_key'),
      Type.Literal('service'),
      Type.Literal('anonymous'),
    ]),
    id: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
    role: Nullable(Type.String({ minLength: 1, maxLength: 32 })),
  }),
  /** True when the action disclosed PHI (a list's rows, recipients, a proof): HIPAA access accounting. */
  phi: Type.Boolean(),
  /** Fields that changed, with their old and new values where those are not PHI. */
  changes: Type.Array(
    obj({ field: Type.String({ maxLength: 64 }), from: Type.Optional(Scalar), to: Type.Optional(Scalar) }),
    {
      maxItems: 64,
    },
  ),
  /** A stable code for a failure or refusal (`INVALID_CREDENTIALS`), never free text. */
  reason: Nullable(Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 64 })),
  requestId: Nullable(Type.String({ maxLength: 128 })),
  clientIp: Nullable(Type.String({ maxLength: 64 })),
  userAgent: Nullable(Type.String({ maxLength: 256 })),
});
export type AuditRecord = Static<typeof AuditRecordSchema>;

function auditRecorded(service: string): EventDefinition<typeof AuditRecordSchema> {
  return defineEvent(`plh.${service}.audit.recorded`, AuditRecordSchema, `An action in ${service} was audited`);
}

/** Each service's audit feed: `plh.<service>.audit.recorded`, on the service's own stream. */
export const AUDIT_EVENTS = {
  tenant: auditRecorded('tenant'),
  core: auditRecorded('core'),
  proof: auditRecorded('proof'),
  notification: auditRecorded('notification'),
  compliance: auditRecorded('compliance'),
} as const;

/** The audit event of `service` (its subject prefix: `proof` for the proof engine). */
export function auditEventOf(service: string): EventDefinition<typeof AuditRecordSchema> {
  const def = (AUDIT_EVENTS as Record<string, EventDefinition<typeof AuditRecordSchema>>)[service];
  if (!def) throw new Error(`no audit event for service "${service}"`);
  return def;
}
