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
    byEvent: (eventId: string) =>
      tx.message.findMany({ where: { tenantId, eventId }, orderBy: { createdAt: 'asc' }, select: { id: true } }),
    /** The message a provider's callback names, by the provider's own id for it. */
    byProviderMessageId: (provider: string, providerMessageId: string) =>
      tx.message.findFirst({ where: { tenantId, provider, providerMessageId } }),
    attemptsOf: (messageId: string) =>
      tx.deliveryAttempt.findMany({ where: { messageId, tenantId }, orderBy: { attemptedAt: 'asc' } }),
    /**
     * Records one delivery's attempts and the message's new state, unless another worker recorded this
     * attempt already (the attempt count moved on): answers whether this one counted.
     */
    async recordDelivery(
      id: string,
      expectedAttempts: number,
      attempts: AttemptRecord[],
      next: DeliveryState,
    ): Promise<boolean> {
      const { clearSecrets, ...state } = next;
      const updated = await tx.message.updateMany({
        where: { id, tenantId, attempts: expectedAttempts },
        data: {
          ...state,
          ...(clearSecrets ? { secretValues: Prisma.DbNull } : {}),
          attempts: expectedAttempts + 1,
          updatedAt: new Date(),
        },
      });
      if (updated.count === 0) return false;
      await tx.deliveryAttempt.createMany({
        data: attempts.map((a) => ({ id: randomUUID(), tenantId, messageId: id, attempt: expectedAttempts + 1, ...a })),
      });
      return true;
    },
    /** A provider's later word on a message (delivered, bounced): only moves it forward. */
    async settle(id: string, status: 'delivered' | 'failed', at: Date, error: string | null) {
      await tx.message.updateMany({
        where: { id, tenantId, status: { in: ['sent', 'delivered'] } },
        data: {
          status,
          ...(status === 'delivered' ? { deliveredAt: at } : {}),
          lastError: error,
          secretValues: Prisma.DbNull,
          updatedAt: new Date(),
        },
      });
    },
    /** Queues a failed or delivered message again (a replay): same id, so the same webhook-id. */
    async requeue(id: string, at: Date) {
      const updated = await tx.message.updateMany({
        where: { id, tenantId, status: { in: ['failed', 'delivered'] } },
        data: { status: 'queued', nextAttemptAt: at, lastError: null, updatedAt: new Date() },
      });
      return updated.count === 1;
    },
    /** An endpoint's messages since a time, for a replay of everything it missed. */
    endpointMessagesSince: (endpointId: string, since: Date, limit: number) =>
      tx.message.findMany({
        where: { tenantId, endpointId, createdAt: { gte: since }, status: { in: ['failed', 'queued'] } },
        orderBy: { createdAt: 'asc' },
        take: limit,
        select: { id: true, status: true },
      }),
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
