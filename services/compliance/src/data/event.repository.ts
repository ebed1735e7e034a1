import { afterTimeKey, byTime } from '@plh/service-kit';
import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export const EVENT_TYPES = [
  'exclusion_match',
  'npi_deactivated',
  'npi_not_found',
  'license_mismatch',
  'name_mismatch',
  'regulation_change',
  'deadline_alert',
  'alert_escalated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const EVENT_STATUSES = ['active', 'acknowledged', 'resolved'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export interface ComplianceEventRecord {
  id: string;
  eventType: EventType;
  source: string;
  priority: Priority;
  title: string;
  description: string;
  effectiveDate: Date | null;
  deadlineDate: Date | null;
  metadata: Record<string, unknown>;
  status: EventStatus;
  providerId: string | null;
  dedupeKey: string;
  sourceFetchedAt: Date | null;
  alertLatencyMs: number | null;
  deliveredAt: Date | null;
  deliveryLatencyMs: number | null;
  deliveryChannel: string | null;
  undeliveredEscalatedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewEvent = Pick<
  ComplianceEventRecord,
  'id' | 'eventType' | 'source' | 'priority' | 'title' | 'description' | 'providerId' | 'dedupeKey' | 'sourceFetchedAt'
> & { metadata: Record<string, unknown>; effectiveDate?: Date | null; deadlineDate?: Date | null };

export interface EventFilter {
  status?: EventStatus;
  priority?: Priority;
  eventType?: EventType;
  source?: string;
  from?: Date;
  to?: Date;
  providerId?: string;
  after?: { createdAt: Date; id: string };
}

const toRecord = (r: Prisma.ComplianceEventGetPayload<object>): ComplianceEventRecord => ({
  ...r,
  eventType: r.eventType as EventType,
  priority: r.priority as Priority,
  status: r.status as EventStatus,
  metadata: r.metadata as Record<string, unknown>,
});

/** A practice's compliance events (the seed's compliance_events), idempotent by dedupe key (RLS). */
export function eventRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    /**
     * Inserts the event unless one with its dedupe key exists, and answers it; answers null when it is
     * there already. One the system resolved (the listing left the LEIE, the roster changed) comes back
     * active when the match comes back, and is answered again: a returning exclusion alerts again. One a
     * person resolved stays as they left it.
     */
    async raise(e: NewEvent): Promise<ComplianceEventRecord | null> {
      const [row] = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `INSERT INTO compliance_event (id, tenant_id, event_type, source, priority, title, description,
                                       effective_date, deadline_date, metadata, provider_id, dedupe_key, source_fetched_at)
         VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::date, $9::date, $10::jsonb, $11::uuid, $12, $13::timestamptz)
         ON CONFLICT (tenant_id, dedupe_key) DO UPDATE
           SET status = 'active', resolved_at = NULL, resolved_by = NULL, resolution = NULL,
               acknowledged_at = NULL, acknowledged_by = NULL, description = EXCLUDED.description,
               metadata = EXCLUDED.metadata, source_fetched_at = EXCLUDED.source_fetched_at,
               alert_latency_ms = NULL, updated_at = now()
           WHERE compliance_event.status = 'resolved' AND compliance_event.resolved_by = 'system'
         RETURNING id::text`,
        e.id,
        tenantId,
        e.eventType,
        e.source,
        e.priority,
        e.title,
        e.description,
        e.effectiveDate ?? null,
        e.deadlineDate ?? null,
        JSON.stringify(e.metadata),
        e.providerId,
        e.dedupeKey,
        e.sourceFetchedAt,
      );
      if (!row) return null;
      return toRecord((await tx.complianceEvent.findFirst({ where: { ...scope, id: row.id } }))!);
    },
    setLatency: (id: string, alertLatencyMs: number) =>
      tx.complianceEvent.updateMany({ where: { ...scope, id }, data: { alertLatencyMs } }),
    /** The first delivery the notification service reported (a later report of the same alert changes nothing). */
    recordDelivery: (id: string, at: Date, latencyMs: number, channel: string) =>
      tx.complianceEvent.updateMany({
        where: { ...scope, id, deliveredAt: null },
        data: { deliveredAt: at, deliveryLatencyMs: latencyMs, deliveryChannel: channel },
      }),
    recordUndelivered: (id: string, at: Date) =>
      tx.complianceEvent.updateMany({
        where: { ...scope, id, deliveredAt: null, undeliveredEscalatedAt: null },
        data: { undeliveredEscalatedAt: at },
      }),
    findById: async (id: string) => {
      const row = await tx.complianceEvent.findFirst({ where: { ...scope, id } });
      return row ? toRecord(row) : null;
    },
    /** The event, its row locked until the transaction ends (one departure letter started per event). */
    async lockById(id: string): Promise<ComplianceEventRecord | null> {
      const [row] = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT id::text FROM compliance_event WHERE tenant_id = $1::uuid AND id = $2::uuid FOR UPDATE`,
        tenantId,
        id,
      );
      if (!row) return null;
      return toRecord((await tx.complianceEvent.findFirst({ where: { ...scope, id: row.id } }))!);
    },
    /** Adds keys to the event's metadata. */
    addMetadata: (id: string, patch: Record<string, unknown>) =>
      tx.$executeRawUnsafe(
        // updated_at stays: it is when the event was raised for escalation, not when a note was added.
        `UPDATE compliance_event SET metadata = metadata || $3::jsonb
          WHERE tenant_id = $1::uuid AND id = $2::uuid`,
        tenantId,
        id,
        JSON.stringify(patch),
      ),
    findByDedupeKey: async (dedupeKey: string) => {
      const row = await tx.complianceEvent.findFirst({ where: { ...scope, dedupeKey } });
      return row ? toRecord(row) : null;
    },
    /** Open (not resolved) events of the practice of one type, for all its providers at once. */
    openOfType: async (eventType: EventType) =>
      (await tx.complianceEvent.findMany({ where: { ...scope, eventType, status: { not: 'resolved' } } })).map(
        toRecord,
      ),
    /** Open (not resolved) events of the practice of any of these types. */
    openOfTypes: async (eventTypes: readonly EventType[]) =>
      (
        await tx.complianceEvent.findMany({
          where: { ...scope, eventType: { in: [...eventTypes] }, status: { not: 'resolved' } },
        })
      ).map(toRecord),
    /** Open (not resolved) events of a provider, optionally of one type. */
    openForProvider: async (providerId: string, eventType?: EventType) =>
      (
        await tx.complianceEvent.findMany({
          where: { ...scope, providerId, status: { not: 'resolved' }, ...(eventType ? { eventType } : {}) },
        })
      ).map(toRecord),
    /** Moves an event on; false when it was not in one of `from` (answered by the caller as a conflict). */
    async transition(
      id: string,
      from: EventStatus[],
      to: EventStatus,
      who: string,
      resolution?: string | null,
    ): Promise<boolean> {
      const now = new Date();
      const { count } = await tx.complianceEvent.updateMany({
        where: { ...scope, id, status: { in: from } },
        data:
          to === 'acknowledged'
            ? { status: to, acknowledgedAt: now, acknowledgedBy: who, updatedAt: now }
            : { status: to, resolvedAt: now, resolvedBy: who, resolution: resolution ?? null, updatedAt: now },
      });
      return count === 1;
    },
    list: async (filter: EventFilter, take: number) =>
      (
        await tx.complianceEvent.findMany({
          where: {
            ...scope,
            ...(filter.status ? { status: filter.status } : {}),
            ...(filter.priority ? { priority: filter.priority } : {}),
            ...(filter.eventType ? { eventType: filter.eventType } : {}),
            ...(filter.source ? { source: filter.source } : {}),
            ...(filter.providerId ? { providerId: filter.providerId } : {}),
            ...(filter.from || filter.to
              ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
              : {}),
            ...afterTimeKey(filter.after),
          },
          orderBy: byTime(),
          take,
        })
      ).map(toRecord),
    /** Events about providers or deadlines raised in [from, to), oldest first (the attestation). */
    raisedBetween: async (from: Date, to: Date) =>
      (
        await tx.complianceEvent.findMany({
          where: { ...scope, createdAt: { gte: from, lt: to }, eventType: { not: 'regulation_change' } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        })
      ).map(toRecord),
    /** Counts by status and priority (the dashboard widget). */
    async counts(): Promise<Array<{ status: string; priority: string; count: number }>> {
      const rows = await tx.complianceEvent.groupBy({
        by: ['status', 'priority'],
        where: scope,
        _count: { _all: true },
      });
      return rows.map((r) => ({ status: r.status, priority: r.priority, count: r._count._all }));
    },
  };
}
