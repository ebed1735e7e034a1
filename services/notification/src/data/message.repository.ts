import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export interface NewMessage {
  channel: 'email' | 'sms' | 'webhook';
  topic: string;
  eventId: string | null;
  recipient: string;
  toAddress: string | null;
  endpointId: string | null;
  critical: boolean;
  content: Record<string, unknown>;
  secretValues: Record<string, string> | null;
  status?: 'queued' | 'suppressed';
  lastError?: string | null;
  nextAttemptAt: Date | null;
  requestedBy: string;
  sourceAvailableAt: Date | null;
}

/** A message's state after an attempt. `clearSecrets`: its one-time values are no longer needed. */
export interface DeliveryState {
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed';
  provider: string | null;
  providerMessageId?: string | null;
  sentAt?: Date;
  deliveredAt?: Date;
  nextAttemptAt: Date | null;
  lastError: string | null;
  clearSecrets: boolean;
}

export interface AttemptRecord {
  provider: string;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  providerMessageId: string | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** One practice's messages and their delivery attempts (RLS: another practice's are invisible). */
export function messageRepository(tx: Tx, tenantId: string) {
  return {
    /**
     * Creates the messages that do not exist yet: one per (event, recipient, channel), however often the
     * event is delivered. Answers the new ones (the others were created by an earlier delivery).
     */
    async createMissing(messages: NewMessage[]) {
      if (messages.length === 0) return [];
      return tx.message.createManyAndReturn({
        data: messages.map((m) => ({
          id: randomUUID(),
          tenantId,
          channel: m.channel,
          topic: m.topic,
          eventId: m.eventId,
          recipient: m.recipient,
          toAddress: m.toAddress,
          endpointId: m.endpointId,
          critical: m.critical,
          content: m.content as Prisma.InputJsonValue,
          ...(m.secretValues ? { secretValues: m.secretValues } : {}),
          status: m.status ?? 'queued',
          lastError: m.lastError ?? null,
          nextAttemptAt: m.nextAttemptAt,
          requestedBy: m.requestedBy,
          sourceAvailableAt: m.sourceAvailableAt,
        })),
        skipDuplicates: true,
        select: { id: true, channel: true, status: true, nextAttemptAt: true },
      });
    },
    byId: (id: string) => tx.message.findFirst({ where: { id, tenantId } }),
    byIds: (ids: string[]) => tx.message.findMany({ where: { id: { in: ids }, tenantId } }),
    byEvent: (eventId: string) =>
      tx.message.findMany({ where: { tenantId, eventId }, orderBy: { createdAt: 'asc' }, select: { id: true } }),
    /** The message a provider's callback names, by the provider's own id for it. */
    byProviderMessageId: (provider: string, providerMessageId: string) =>
      tx.message.findFirst({ where: { tenantId, provider, providerMessageId } }),
    attemptsOf: (messageId: string) =>
      tx.deliveryAttempt.findMany({ where: { messageId, tenantId }, orderBy: { attemptedAt: 'asc' } }),
    /**
     * Records a batch's attempts and each message's new state (two statements), except for messages
     * another worker recorded this attempt of already (their attempt count moved on): answers the ids
     * whose attempt counted.
     */
    async recordDeliveries(
      results: ReadonlyArray<{ id: string; expectedAttempts: number; attempts: AttemptRecord[]; next: DeliveryState }>,
    ): Promise<Set<string>> {
      if (results.length === 0) return new Set();
      const column = <T>(pick: (r: (typeof results)[number]) => T) => results.map(pick);
      const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
      const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `UPDATE message m
            -- A provider's delivery event that overtook the recording of its own send (a slow batch) stays.
            SET status = CASE WHEN r.status = 'sent' AND m.status IN ('delivered', 'failed') THEN m.status ELSE r.status END,
                attempts = m.attempts + 1, provider = r.provider,
                provider_message_id = COALESCE(r.provider_message_id, m.provider_message_id),
                sent_at = COALESCE(r.sent_at, m.sent_at), delivered_at = COALESCE(r.delivered_at, m.delivered_at),
                next_attempt_at = r.next_attempt_at, last_error = r.last_error,
                secret_values = CASE WHEN r.clear_secrets THEN NULL ELSE m.secret_values END, updated_at = now()
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                       $8::timestamptz[], $9::text[], $10::boolean[])
                AS r(id, expected, status, provider, provider_message_id, sent_at, delivered_at, next_attempt_at,
                     last_error, clear_secrets)
          WHERE m.id = r.id AND m.tenant_id = $11::uuid AND m.attempts = r.expected
      RETURNING m.id::text`,
        column((r) => r.id),
        column((r) => r.expectedAttempts),
        column((r) => r.next.status),
        column((r) => r.next.provider),
        column((r) => r.next.providerMessageId ?? null),
        column((r) => iso(r.next.sentAt)),
        column((r) => iso(r.next.deliveredAt)),
        column((r) => iso(r.next.nextAttemptAt)),
        column((r) => r.next.lastError),
        column((r) => r.next.clearSecrets),
        tenantId,
      );
      const counted = new Set(rows.map((r) => r.id));
      const attempts = results
        .filter((r) => counted.has(r.id))
        .flatMap((r) =>
          r.attempts.map((a) => ({
            id: randomUUID(),
            tenantId,
            messageId: r.id,
            attempt: r.expectedAttempts + 1,
            ...a,
          })),
        );
      if (attempts.length) await tx.deliveryAttempt.createMany({ data: attempts });
      return counted;
    },
    /**
     * A provider's later word on a message (delivered, bounced): only moves it forward. A message still
     * `queued` is one whose send the provider accepted before its batch was recorded (see
     * recordDeliveries). Answers whether it applied.
     */
    async settle(id: string, status: 'delivered' | 'failed', at: Date, error: string | null): Promise<boolean> {
      const updated = await tx.message.updateMany({
        where: { id, tenantId, channel: { not: 'webhook' }, status: { in: ['queued', 'sent', 'delivered'] } },
        data: {
          status,
          ...(status === 'delivered' ? { deliveredAt: at } : {}),
          lastError: error,
          secretValues: Prisma.DbNull,
          updatedAt: new Date(),
        },
      });
      return updated.count === 1;
    },
    /** Queues a failed or delivered message again (a replay): same id, so the same webhook-id. */
    async requeue(id: string, at: Date) {
      const updated = await tx.message.updateMany({
        where: { id, tenantId, status: { in: ['failed', 'delivered'] } },
        data: { status: 'queued', nextAttemptAt: at, lastError: null, updatedAt: new Date() },
      });
      return updated.count === 1;
    },
    /** An endpoint's failed messages since a time, oldest first, a page at a time (a replay of what it missed). */
    endpointFailuresSince: (
      endpointId: string,
      since: Date,
      after: { createdAt: Date; id: string } | null,
      limit: number,
    ) =>
      tx.message.findMany({
        where: {
          tenantId,
          endpointId,
          status: 'failed',
          createdAt: { gte: since },
          ...(after
            ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
            : {}),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit,
        select: { id: true, attempts: true, createdAt: true },
      }),
    /** Queues many failed messages again at once; answers the ids that were failed (and now are queued). */
    async requeueFailed(ids: string[], at: Date): Promise<string[]> {
      const rows = await tx.message.updateManyAndReturn({
        where: { id: { in: ids }, tenantId, status: 'failed' },
        data: { status: 'queued', nextAttemptAt: at, lastError: null, updatedAt: new Date() },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    /** The delivery log, newest first, after the cursor (created_at, id). */
    page(
      filter: { channel?: string; status?: string; endpointId?: string; topic?: string },
      after: { createdAt: Date; id: string } | null,
      limit: number,
    ) {
      return tx.message.findMany({
        where: {
          tenantId,
          ...(filter.channel ? { channel: filter.channel } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
          ...(filter.topic ? { topic: filter.topic } : {}),
          ...(after
            ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
    },
  };
}
export type MessageRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof messageRepository>['byId']>>>;
