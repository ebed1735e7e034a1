import type { Tx } from './db';

/** One practice's notification preferences and its users' SMS numbers and quiet hours. */
export function preferenceRepository(tx: Tx, tenantId: string) {
  return {
    /** Every row of the practice (practice-wide and per user). */
    all: () => tx.preference.findMany({ where: { tenantId } }),
    ofUser: (userId: string) => tx.preference.findMany({ where: { tenantId, userId } }),
    async replace(userId: string, rows: Array<{ topic: string; channels: string[] }>, updatedBy: string) {
      await tx.preference.deleteMany({ where: { tenantId, userId } });
      if (rows.length)
        await tx.preference.createMany({ data: rows.map((r) => ({ tenantId, userId, ...r, updatedBy })) });
    },
    settings: (userIds: string[]) => tx.recipientSetting.findMany({ where: { tenantId, userId: { in: userIds } } }),
    settingOf: (userId: string) => tx.recipientSetting.findFirst({ where: { tenantId, userId } }),
    saveSetting: (
      userId: string,
      value: { phone: string | null; quietStart: number | null; quietEnd: number | null; timeZone: string },
    ) =>
      tx.recipientSetting.upsert({
        where: { tenantId_userId: { tenantId, userId } },
        create: { tenantId, userId, ...value },
        update: { ...value, updatedAt: new Date() },
      }),
  };
}
