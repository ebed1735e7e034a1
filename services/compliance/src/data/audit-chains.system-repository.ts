import type { Tx } from './db';

/** Across practices' audit chains, through SECURITY DEFINER functions: chain ids and partitions only. */
export function auditChainsSystemRepository(tx: Tx) {
  return {
    /** Chains with entries no checkpoint signs yet, in id order after `after`. */
    async toCheckpoint(after: string | null, limit: number): Promise<string[]> {
      const rows = await tx.$queryRawUnsafe<Array<{ tenant_id: string }>>(
        `SELECT tenant_id::text FROM audit_chains_to_checkpoint($1::uuid, $2::int)`,
        after,
        limit,
      );
      return rows.map((r) => r.tenant_id);
    },
    /** Creates this month's partition of the trail and the next ones that are missing; answers how many. */
    async ensurePartitions(monthsAhead: number): Promise<number> {
      const [row] = await tx.$queryRawUnsafe<Array<{ created: number }>>(
        `SELECT ensure_audit_partitions($1::int) AS created`,
        monthsAhead,
      );
      return row?.created ?? 0;
    },
  };
}
