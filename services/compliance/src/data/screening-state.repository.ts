import type { MatchDecision } from '../domain/matching/screen-provider';
import type { ComplianceEventRecord, EventType } from './event.repository';
import type { ScreeningMonthRecord } from './screening-month.repository';
import type { Tx } from './db';

/** What a screening of a practice needs to know of it before it starts, read in one statement. */
export interface PracticeScreeningState {
  decisions: Array<MatchDecision & { providerId: string }>;
  /** Open events of the types screening raises and resolves. */
  openEvents: ComplianceEventRecord[];
  /** Providers that have a current result. */
  screened: string[];
  /** This month's record per provider (the attestation's). */
  month: ScreeningMonthRecord[];
}

const date = (v: string | null) => (v === null ? null : new Date(v));

/**
 * A practice's screening state in one round trip (raw SQL, one JSON row): this runs once per practice
 * and snapshot, for every practice, so it is the hot path of screening (RLS scopes every sub-select).
 */
export function screeningStateRepository(tx: Tx, tenantId: string) {
  return {
    async load(month: string, eventTypes: readonly EventType[]): Promise<PracticeScreeningState> {
      const [row] = await tx.$queryRawUnsafe<
        Array<{
          decisions: unknown[];
          events: Array<Record<string, unknown>>;
          screened: string[];
          months: Array<Record<string, unknown>>;
        }>
      >(
        `SELECT
           (SELECT coalesce(json_agg(json_build_object('providerId', provider_id, 'listingKey', listing_key, 'decision', decision)), '[]')
              FROM screening_decision WHERE tenant_id = $1::uuid) AS decisions,
           (SELECT coalesce(json_agg(e), '[]') FROM (
              SELECT id, event_type, source, priority, title, description, to_char(effective_date, 'YYYY-MM-DD') AS effective_date,
                     to_char(deadline_date, 'YYYY-MM-DD') AS deadline_date, metadata, status, provider_id, dedupe_key,
                     source_fetched_at, alert_latency_ms, acknowledged_at, acknowledged_by, resolved_at, resolved_by,
                     resolution, created_at, updated_at
                FROM compliance_event
               WHERE tenant_id = $1::uuid AND status <> 'resolved' AND event_type = ANY($2::text[])) e) AS events,
           (SELECT coalesce(json_agg(provider_id), '[]') FROM screening WHERE tenant_id = $1::uuid) AS screened,
           (SELECT coalesce(json_agg(m), '[]') FROM (
              SELECT provider_id, provider_name, npi, screenings, first_screened_at, last_screened_at, exclusion_status,
                     statuses_seen, npi_status, npi_checked_at, versions
                FROM screening_month WHERE tenant_id = $1::uuid AND month = $3) m) AS months`,
        tenantId,
        [...eventTypes],
        month,
      );
      const r = row!;
      return {
        decisions: r.decisions as PracticeScreeningState['decisions'],
        openEvents: r.events.map((e) => ({
          id: e.id as string,
          eventType: e.event_type as EventType,
          source: e.source as string,
          priority: e.priority as ComplianceEventRecord['priority'],
          title: e.title as string,
          description: e.description as string,
          effectiveDate: e.effective_date ? new Date(`${e.effective_date as string}T00:00:00Z`) : null,
          deadlineDate: e.deadline_date ? new Date(`${e.deadline_date as string}T00:00:00Z`) : null,
          metadata: e.metadata as Record<string, unknown>,
          status: e.status as ComplianceEventRecord['status'],
          providerId: e.provider_id as string | null,
          dedupeKey: e.dedupe_key as string,
          sourceFetchedAt: date(e.source_fetched_at as string | null),
          alertLatencyMs: e.alert_latency_ms as number | null,
          deliveredAt: date(e.delivered_at as string | null),
          deliveryLatencyMs: e.delivery_latency_ms as number | null,
          deliveryChannel: e.delivery_channel as string | null,
          undeliveredEscalatedAt: date(e.undelivered_escalated_at as string | null),
          acknowledgedAt: date(e.acknowledged_at as string | null),
          acknowledgedBy: e.acknowledged_by as string | null,
          resolvedAt: date(e.resolved_at as string | null),
          resolvedBy: e.resolved_by as string | null,
          resolution: e.resolution as string | null,
          createdAt: new Date(e.created_at as string),
          updatedAt: new Date(e.updated_at as string),
        })),
        screened: r.screened,
        month: r.months.map((m) => ({
          providerId: m.provider_id as string,
          providerName: m.provider_name as string,
          npi: m.npi as string | null,
          screenings: m.screenings as number,
          firstScreenedAt: new Date(m.first_screened_at as string),
          lastScreenedAt: new Date(m.last_screened_at as string),
          exclusionStatus: m.exclusion_status as string,
          statusesSeen: m.statuses_seen as string[],
          npiStatus: m.npi_status as string | null,
          npiCheckedAt: date(m.npi_checked_at as string | null),
          versions: m.versions as Record<string, number[]>,
        })),
      };
    },
  };
}
