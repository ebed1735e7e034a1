import type { ChainEntry } from '@plh/audit-chain';
import type { Tx } from './db';
import type { ChainHead } from './audit-trail.repository';

/**
 * What the audit consumers append with, for many practices in one transaction: the SECURITY DEFINER
 * functions of the audit trail migration (lock the heads, then write entries and heads).
 */
export function auditAppendSystemRepository(tx: Tx) {
  return {
    /** The chains' heads, locked until the transaction ends, by chain id. */
    async lockHeads(chains: readonly string[]): Promise<Map<string, LockedHead>> {
      const rows = await tx.$queryRawUnsafe<
        Array<{ tenant_id: string; size: bigint; head_hash: string; frontier: string[] | null; updated_at: Date }>
      >(`SELECT tenant_id::text, size, head_hash, frontier, updated_at FROM lock_audit_chains($1::uuid[])`, chains);
      return new Map(
        rows.map((r) => [
          r.tenant_id,
          { size: Number(r.size), headHash: r.head_hash, frontier: r.frontier ?? [], lastRecordedAt: r.updated_at },
        ]),
      );
    },

    /**
     * Entries continuing the locked heads (refused otherwise), and each chain's Merkle frontier after
     * them; the function works out the new sizes and head hashes from the entries.
     */
    async append(
      entries: readonly ChainEntry[],
      frontiers: ReadonlyArray<{ chain: string; frontier: string[] }>,
    ): Promise<void> {
      await tx.$queryRawUnsafe(
        `SELECT append_audit_entries($1::jsonb, $2::jsonb)`,
        JSON.stringify(entries),
        JSON.stringify(frontiers),
      );
    },
  };
}
export type LockedHead = Omit<ChainHead, 'checkpointedSize'> & { lastRecordedAt: Date };
export type AuditAppendRepository = ReturnType<typeof auditAppendSystemRepository>;
