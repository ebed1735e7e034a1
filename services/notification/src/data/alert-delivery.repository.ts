import type { Tx } from './db';

/** One practice's compliance alerts and when each first reached someone. */
export function alertDeliveryRepository(tx: Tx, tenantId: string) {
  return {
    start: (alert: {
      alertEventId: string;
      complianceEventId: string;
      priority: string;
      sourceAvailableAt: Date | null;
      raisedAt: Date;
    }) => tx.alertDelivery.createMany({ data: [{ ...alert, tenantId }], skipDuplicates: true }),
    /** The first delivery of any of the alert's messages; answers the alert when this one was the first. */
    async firstDelivery(alertEventId: string, at: Date, channel: string) {
      const updated = await tx.alertDelivery.updateMany({
        where: { tenantId, alertEventId, firstDeliveredAt: null },
        data: { firstDeliveredAt: at, firstChannel: channel },
      });
      return updated.count === 1 ? tx.alertDelivery.findFirst({ where: { tenantId, alertEventId } }) : null;
    },
    async markEscalated(alertEventId: string, at: Date) {
      const updated = await tx.alertDelivery.updateMany({
        where: { tenantId, alertEventId, firstDeliveredAt: null, escalatedAt: null },
        data: { escalatedAt: at },
      });
      return updated.count === 1 ? tx.alertDelivery.findFirst({ where: { tenantId, alertEventId } }) : null;
    },
    list: (limit: number) =>
      tx.alertDelivery.findMany({ where: { tenantId }, orderBy: { raisedAt: 'desc' }, take: limit }),
  };
}
