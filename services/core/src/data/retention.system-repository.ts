import type { Tx } from './db';

/**
 * SYSTEM ACCESS (across tenants, outside row-level security): which patient lists' raw files are due
 * for deletion, through the SECURITY DEFINER function of migration 20261201000100_retention. Ids only.
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
  };
}
