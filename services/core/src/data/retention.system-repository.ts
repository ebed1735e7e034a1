import type { Tx } from './db';

/**
 * SYSTEM ACCESS (across tenants, outside row-level security): which patient lists' raw files are due
 * for deletion, and expired idempotency keys, through the SECURITY DEFINER functions of migrations
 * 20261201000100_retention and 20261201000200_idempotency_key_expiry. Ids and counts only.
 */
export function retentionSystemRepository(db: Tx) {
  return {
    async dueRawLists(acceptedBefore: Date, limit: number): Promise<Array<{ tenantId: string; listId: string }>> {
      const rows = await db.$queryRawUnsafe<Array<{ tenant_id: string; list_id: string }>>(
        'SELECT tenant_id::text, list_id::text FROM retention_due_patient_lists($1::timestamptz, $2::int)',
        acceptedBefore.toISOString(),
        limit,
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, listId: r.list_id }));
    },
    /** Deletes up to `limit` idempotency keys created before `createdBefore`; answers how many went. */
    async pruneIdempotencyKeys(createdBefore: Date, limit: number): Promise<number> {
      const [row] = await db.$queryRawUnsafe<Array<{ deleted: number }>>(
        'SELECT prune_idempotency_keys($1::timestamptz, $2::int) AS deleted',
        createdBefore.toISOString(),
        limit,
      );
      return row?.deleted ?? 0;
    },
  };
}
