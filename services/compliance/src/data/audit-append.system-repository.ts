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
    async lockHeads(chains: readonly string[]): Promise<Map<string, Omit<ChainHead, 'checkpointedSize'>>> {
      const rows = await tx.$queryRawUnsafe<
        Array<{ tenant_id: string; size: bigint; head_hash: string; frontier: string[] | null }>
      >(`SELECT tenant_id::text, size, head_hash, frontier FROM lock_audit_chains($1::uuid[])`, chains);
      return new Map(
        rows.map((r) => [r.tenant_id, { size: Number(r.size), headHash: r.head_hash, frontier: r.frontier ?? [] }]),
      );
    },

    /** Entries continuing the locked heads, and each chain's head after them. */
    async append(
      entries: readonly ChainEntry[],
      heads: ReadonlyArray<{ chain: string } & Omit<ChainHead, 'checkpointedSize'>>,
    ): Promise<void> {
      await tx.$executeRawUnsafe(
        `SELECT append_audit_entries($1::jsonb, $2::jsonb)`,
        JSON.stringify(entries),
        JSON.stringify(heads),
      );
    },
  };
}
export type AuditAppendRepository = ReturnType<typeof auditAppendSystemRepository>;
