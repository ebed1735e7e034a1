import type { Json, Tx } from './db';

/** Stored setting values of a practice (RLS); defaults live in code (domain/settings/catalog.ts). */
export function settingRepository(tx: Tx, tenantId: string) {
  return {
    list: () => tx.tenantSetting.findMany({ where: { tenantId } }),
    remove: (key: string) => tx.tenantSetting.deleteMany({ where: { tenantId, key } }),
    /** `value` was checked against the setting's schema: it is JSON. */
    put: (key: string, value: unknown, updatedBy: string) =>
      tx.tenantSetting.upsert({
        where: { tenantId_key: { tenantId, key } },
        create: { tenantId, key, value: value as Json, updatedBy },
        update: { value: value as Json, updatedBy, updatedAt: new Date() },
      }),
  };
}
