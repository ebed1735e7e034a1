import { GENESIS_HASH, type ChainEntry, type Checkpoint } from '@plh/audit-chain';
import type { Tx } from './db';

/** A chain's head as stored: how many entries, the last hash, the Merkle frontier (hex). */
export interface ChainHead {
  size: number;
  headHash: string;
  frontier: string[];
  checkpointedSize: number;
}

export interface AuditFilter {
  actorId?: string;
  /** An action (`order.approve`) or a prefix of one ending in a dot (`order.`). */
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
}

interface EntryRow {
  tenant_id: string;
  seq: bigint;
  event_id: string;
  service: string;
  action: string;
  outcome: string;
  resource_type: string;
  resource_id: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  phi: boolean;
  changes: ChainEntry['changes'];
  reason: string | null;
  request_id: string | null;
  trace_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

const ENTRY_COLUMNS = `tenant_id::text, seq, event_id::text, service, action, outcome, resource_type, resource_id,
  actor_kind, actor_id, actor_role, phi, changes, reason, request_id, trace_id, ip_address, user_agent, occurred_at,
  recorded_at, prev_hash, hash`;

const toEntry = (r: EntryRow): ChainEntry => ({
  chain: r.tenant_id,
  seq: Number(r.seq),
  eventId: r.event_id,
  service: r.service,
  action: r.action,
  outcome: r.outcome,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  phi: r.phi,
  changes: r.changes,
  reason: r.reason,
  requestId: r.request_id,
  traceId: r.trace_id,
  clientIp: r.ip_address,
  userAgent: r.user_agent,
  occurredAt: r.occurred_at.toISOString(),
  recordedAt: r.recorded_at.toISOString(),
  prevHash: r.prev_hash,
  hash: r.hash,
});

const toCheckpoint = (r: {
  tenant_id: string;
  tree_size: bigint;
  root_hash: string;
  issued_at: Date;
  key_id: string;
  signature: string;
}): Checkpoint => ({
  chain: r.tenant_id,
  treeSize: Number(r.tree_size),
  rootHash: r.root_hash,
  issuedAt: r.issued_at.toISOString(),
  keyId: r.key_id,
  signature: r.signature,
});

/**
 * One practice's audit chain as it is read (RLS: the transaction's tenant is the chain): pages,
 * verification, proofs, checkpoints. Appending is the consumers' (audit-append.system-repository).
 */
export function auditTrailRepository(tx: Tx, tenantId: string) {
  return {
    /** The head as it is now (no lock): an empty chain when nothing was appended yet. */
    async head(): Promise<ChainHead> {
      const [row] = await tx.$queryRawUnsafe<HeadRow[]>(
        `SELECT size, head_hash, frontier, checkpointed_size FROM audit_chain WHERE tenant_id = $1::uuid`,
        tenantId,
      );
      return toHead(row);
    },

    /** Newest first, after the cursor (a sequence number), filtered: what the audit page lists. */
    async page(filter: AuditFilter, before: number | null, limit: number): Promise<ChainEntry[]> {
      const where = ['tenant_id = $1::uuid'];
      const params: unknown[] = [tenantId];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (before !== null) add((p) => `seq < ${p}::bigint`, before);
      if (filter.actorId) add((p) => `actor_id = ${p}`, filter.actorId);
      if (filter.action?.endsWith('.')) add((p) => `starts_with(action, ${p})`, filter.action);
      else if (filter.action) add((p) => `action = ${p}`, filter.action);
      if (filter.resourceType) add((p) => `resource_type = ${p}`, filter.resourceType);
      if (filter.resourceId) add((p) => `resource_id = ${p}`, filter.resourceId);
      if (filter.from) add((p) => `occurred_at >= ${p}`, filter.from);
      if (filter.to) add((p) => `occurred_at < ${p}`, filter.to);
      params.push(limit);
      const rows = await tx.$queryRawUnsafe<EntryRow[]>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}::int`,
        ...params,
      );
      return rows.map(toEntry);
    },

    /**
     * Entries numbered in (afterSeq, upToSeq], oldest first: verification and export read the chain a
     * bounded range at a time (fewer rows where entries were deleted), so each page reads its own rows only.
     */
    async entriesBetween(afterSeq: number, upToSeq: number, recordedBefore?: Date): Promise<ChainEntry[]> {
      const rows = await tx.$queryRawUnsafe<EntryRow[]>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_log
          WHERE tenant_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
            AND ($4::timestamptz IS NULL OR recorded_at < $4)
          ORDER BY seq`,
        tenantId,
        afterSeq,
        upToSeq,
        recordedBefore ?? null,
      );
      return rows.map(toEntry);
    },

    /** Which entries an export of (afterSeq, upToSeq], recorded before `recordedBefore`, holds. */
    async rangeOf(range: {
      afterSeq: number;
      upToSeq: number;
      recordedBefore?: Date | undefined;
    }): Promise<{ entries: number; firstSeq: number | null; lastSeq: number | null }> {
      const [row] = await tx.$queryRawUnsafe<{ n: bigint; first: bigint | null; last: bigint | null }[]>(
        `SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM audit_log
          WHERE tenant_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
            AND ($4::timestamptz IS NULL OR recorded_at < $4)`,
        tenantId,
        range.afterSeq,
        range.upToSeq,
        range.recordedBefore ?? null,
      );
      const num = (v: bigint | null | undefined) => (v == null ? null : Number(v));
      return { entries: Number(row?.n ?? 0), firstSeq: num(row?.first), lastSeq: num(row?.last) };
    },

    /** The first sequence number recorded at or after `from` (where an export by time starts). */
    async firstSeqFrom(from: Date): Promise<number | null> {
      const [row] = await tx.$queryRawUnsafe<{ seq: bigint | null }[]>(
        `SELECT min(seq) AS seq FROM audit_log WHERE tenant_id = $1::uuid AND recorded_at >= $2`,
        tenantId,
        from,
      );
      return row?.seq == null ? null : Number(row.seq);
    },

    /** The entry hashes 1..upTo, in order: the Merkle leaves proofs are computed from. */
    async hashesUpTo(upTo: number): Promise<string[]> {
      const hashes: string[] = [];
      for (let after = 0; after < upTo;) {
        const rows = await tx.$queryRawUnsafe<{ seq: bigint; hash: string }[]>(
          `SELECT seq, hash FROM audit_log WHERE tenant_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint ORDER BY seq LIMIT 50000`,
          tenantId,
          after,
          upTo,
        );
        if (rows.length === 0) break;
        for (const r of rows) hashes.push(r.hash);
        after = Number(rows.at(-1)!.seq);
      }
      return hashes;
    },

    async checkpoints(): Promise<Checkpoint[]> {
      const rows = await tx.$queryRawUnsafe<Parameters<typeof toCheckpoint>[0][]>(
        `SELECT tenant_id::text, tree_size, root_hash, issued_at, key_id, signature FROM audit_checkpoint
          WHERE tenant_id = $1::uuid ORDER BY tree_size`,
        tenantId,
      );
      return rows.map(toCheckpoint);
    },

    /** Records a checkpoint (once per tree size) and that the chain is signed up to it. */
    async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
      await tx.$executeRawUnsafe(
        `INSERT INTO audit_checkpoint (tenant_id, tree_size, root_hash, issued_at, key_id, signature)
         VALUES ($1::uuid, $2::bigint, $3, $4, $5, $6) ON CONFLICT (tenant_id, tree_size) DO NOTHING`,
        tenantId,
        checkpoint.treeSize,
        checkpoint.rootHash,
        new Date(checkpoint.issuedAt),
        checkpoint.keyId,
        checkpoint.signature,
      );
      await tx.$queryRawUnsafe(`SELECT mark_audit_checkpointed($1::uuid, $2::bigint)`, tenantId, checkpoint.treeSize);
    },
  };
}
export type AuditTrailRepository = ReturnType<typeof auditTrailRepository>;

interface HeadRow {
  size: bigint;
  head_hash: string;
  frontier: string[] | null;
  checkpointed_size: bigint;
}

function toHead(row: HeadRow | undefined): ChainHead {
  if (!row) return { size: 0, headHash: GENESIS_HASH, frontier: [], checkpointedSize: 0 };
  return {
    size: Number(row.size),
    headHash: row.head_hash,
    frontier: row.frontier ?? [],
    checkpointedSize: Number(row.checkpointed_size),
  };
}
