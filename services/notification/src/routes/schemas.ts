import { Type } from '@plh/service-kit';
import type { TSchema } from '@sinclair/typebox';
import type { AttemptRecord } from '../data/message.repository';

export const Problem = Type.Ref('Problem');
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
export const Uuid = Type.String({ format: 'uuid' });
export const TenantParams = Type.Object({ tenantId: Uuid });
const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const literals = <T extends readonly string[]>(values: T, options = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** An email address as mail providers accept it (one address, no display name, at most 254 characters). */
export const EmailAddress = Type.String({
  maxLength: 254,
  pattern:
    '^[^\\s@<>(),;:"\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$',
  description: 'One email address',
});
/** E.164: + then 8 to 15 digits. */
export const PhoneNumber = Type.String({
  pattern: '^\\+[1-9][0-9]{7,14}$',
  description: 'E.164 phone number (+15551234567)',
});
export const Channel = literals(['email', 'sms'] as const);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const AttemptView = Type.Object({
  attempt: Type.Integer(),
  provider: Type.String(),
  succeeded: Type.Boolean(),
  statusCode: Nullable(Type.Integer()),
  latencyMs: Type.Integer(),
  providerMessageId: Nullable(Type.String()),
  error: Nullable(Type.String()),
  responseExcerpt: Nullable(Type.String({ description: 'The start of a webhook endpoint’s answer' })),
  attemptedAt: DateTime,
});
export const toAttemptView = (a: AttemptRecord & { attempt: number; attemptedAt: Date }) => ({
  attempt: a.attempt,
  provider: a.provider,
  succeeded: a.succeeded,
  statusCode: a.statusCode,
  latencyMs: a.latencyMs,
  providerMessageId: a.providerMessageId,
  error: a.error,
  responseExcerpt: a.responseExcerpt,
  attemptedAt: a.attemptedAt.toISOString(),
});

export const MessageView = Type.Object({
  id: Uuid,
  webhookId: Nullable(
    Type.String({ description: 'The webhook-id header of a webhook message (the same on every attempt)' }),
  ),
  channel: literals(['email', 'sms', 'webhook'] as const),
  topic: Type.String(),
  eventId: Nullable(Uuid),
  recipient: Type.String({ description: 'A user id, a webhook endpoint id, or the address of an API-sent message' }),
  toAddress: Nullable(Type.String()),
  endpointId: Nullable(Uuid),
  critical: Type.Boolean(),
  status: literals(['queued', 'sent', 'delivered', 'failed', 'suppressed'] as const),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime),
  provider: Nullable(Type.String()),
  providerMessageId: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
});
export function toMessageView(m: {
  id: string;
  channel: string;
  topic: string;
  eventId: string | null;
  recipient: string;
  toAddress: string | null;
  endpointId: string | null;
  critical: boolean;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  provider: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
}) {
  return {
    id: m.id,
    webhookId: m.channel === 'webhook' ? `msg_${m.id.replaceAll('-', '')}` : null,
    channel: m.channel as 'email' | 'sms' | 'webhook',
    topic: m.topic,
    eventId: m.eventId,
    recipient: m.recipient,
    toAddress: m.toAddress,
    endpointId: m.endpointId,
    critical: m.critical,
    status: m.status as 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed',
    attempts: m.attempts,
    nextAttemptAt: iso(m.nextAttemptAt),
    provider: m.provider,
    providerMessageId: m.providerMessageId,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
  };
}

export const EndpointView = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Type.String(),
  topics: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabledAt: Nullable(DateTime),
  disabledReason: Nullable(Type.String()),
  failingSince: Nullable(DateTime),
  previousSecretValidUntil: Nullable(DateTime),
  createdAt: DateTime,
});
export const toEndpointView = (e: {
  id: string;
  url: string;
  description: string;
  topics: string[];
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  previousSecretUntil: Date | null;
  createdAt: Date;
}) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  topics: e.topics,
  enabled: e.disabledAt === null,
  disabledAt: iso(e.disabledAt),
  disabledReason: e.disabledReason,
  failingSince: iso(e.failingSince),
  previousSecretValidUntil:
    e.previousSecretUntil && e.previousSecretUntil > new Date() ? e.previousSecretUntil.toISOString() : null,
  createdAt: e.createdAt.toISOString(),
});
