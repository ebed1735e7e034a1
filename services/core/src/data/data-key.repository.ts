import type { Tx } from './db';

/** The tenant's wrapped PHI data key (one row). */
export function dataKeyRepository(tx: Tx, tenantId: string) {
  return {
    find: () => tx.tenantDataKey.findFirst({ where: { tenantId } }),
    /** Inserts unless another transaction did first; returns the row that won. */
    async insertIfAbsent(wrapped: { masterKeyId: string; wrapped: string }) {
      await tx.$executeRawUnsafe(
        `INSERT INTO tenant_data_key (tenant_id, wrapped_key, master_key_id) VALUES ($1::uuid, $2, $3)
         ON CONFLICT (tenant_id) DO NOTHING`,
        tenantId,
        wrapped.wrapped,
        wrapped.masterKeyId,
      );
      return (await tx.tenantDataKey.findFirst({ where: { tenantId } }))!;
    },
  };
}
export type DataKeyRepository = ReturnType<typeof dataKeyRepository>;
