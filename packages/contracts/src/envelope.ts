import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { SUBJECT_PATTERN } from './subjects';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** RFC 3339 date-time as produced by `Date#toISOString()` (UTC, millisecond precision optional). */
const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$';
/** W3C trace context `traceparent`: version-traceid-parentid-flags. See: https://www.w3.org/TR/trace-context/ */
export const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';

/**
 * The envelope every event travels in. `data` holds ids and counts only: never PHI.
 * `tenantId` is null for platform-wide events (e.g. a compliance source sync).
 */
export const EventEnvelopeSchema = Type.Object(
  {
    id: Type.String({ pattern: UUID_PATTERN, description: 'Unique event id; also the NATS Nats-Msg-Id' }),
    type: Type.String({ pattern: SUBJECT_PATTERN, description: 'plh.<service>.<entity>.<verb>[.vN]' }),
    source: Type.String({ minLength: 1, maxLength: 64, description: 'The service that emitted it' }),
    tenantId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
    occurredAt: Type.String({ pattern: TIMESTAMP_PATTERN }),
    traceparent: Type.Union([Type.String({ pattern: TRACEPARENT_PATTERN }), Type.Null()]),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'https://schemas.patientletterhub.com/events/envelope.json', additionalProperties: false },
);

export type EventEnvelope<TData = Record<string, unknown>> = Omit<Static<typeof EventEnvelopeSchema>, 'data'> & {
  data: TData;
};

export type DataOf<S extends TSchema> = Static<S>;
