import type { Tx } from './db';

/** Platform-wide: SMS opt-outs (per number) and the undelivered alerts across practices (ids only). */
export function platformSystemRepository(tx: Tx) {
  return {
    isOptedOut: async (phone: string) => (await tx.smsOptOut.count({ where: { phone } })) > 0,
    optOut: (phone: string, at: Date) =>
      tx.smsOptOut.upsert({ where: { phone }, create: { phone, optedOutAt: at }, update: {} }),
    optIn: (phone: string) => tx.smsOptOut.deleteMany({ where: { phone } }),
    async tenantOfMessage(id: string): Promise<string | null> {
      const rows = await tx.$queryRawUnsafe<Array<{ t: string | null }>>(
        'SELECT message_tenant($1::uuid)::text AS t',
        id,
      );
      return rows[0]?.t ?? null;
    },
    async undeliveredAlerts(raisedBefore: Date, limit: number) {
      const rows = await tx.$queryRawUnsafe<Array<{ tenant_id: string; alert_event_id: string }>>(
        'SELECT tenant_id::text, alert_event_id::text FROM undelivered_alerts($1::timestamptz, $2::int)',
        raisedBefore,
        limit,
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, alertEventId: r.alert_event_id }));
    },
  };
}
