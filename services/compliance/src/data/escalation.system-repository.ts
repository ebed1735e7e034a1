import type { Tx } from './db';

export interface OpenEscalation {
  tenantId: string;
  id: string;
  escalatedEventId: string;
  eventType: string;
  priority: string;
  source: string;
  providerId: string | null;
  escalatedAt: Date;
}

/** Across practices, through the SECURITY DEFINER functions of the escalation migration: ids and types only. */
export function escalationSystemRepository(tx: Tx) {
  return {
    /** Critical and high events active since before `raisedBefore` and not escalated yet, oldest first. */
    async due(raisedBefore: Date, limit: number): Promise<Array<{ tenantId: string; id: string }>> {
      const rows = await tx.$queryRawUnsafe<Array<{ tenant_id: string; id: string }>>(
        `SELECT tenant_id::text, id::text FROM alerts_to_escalate($1::timestamptz, $2::int)`,
        raisedBefore,
        limit,
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
    },
    async open(limit: number): Promise<OpenEscalation[]> {
      const rows = await tx.$queryRawUnsafe<
        Array<{
          tenant_id: string;
          id: string;
          escalated_event_id: string;
          event_type: string;
          priority: string;
          source: string;
          provider_id: string | null;
          escalated_at: Date;
        }>
      >(
        `SELECT tenant_id::text, id::text, escalated_event_id, event_type, priority, source, provider_id::text, escalated_at
           FROM open_escalations($1::int)`,
        limit,
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        id: r.id,
        escalatedEventId: r.escalated_event_id,
        eventType: r.event_type,
        priority: r.priority,
        source: r.source,
        providerId: r.provider_id,
        escalatedAt: r.escalated_at,
      }));
    },
  };
}
