import type { Checkpoint } from './checkpoint';
import type { ChainEntry } from './entry';

export const EXPORT_FORMAT = 'plh-audit-export/v1';

/**
 * An export is JSON lines: this header, the entries in order, then the checkpoints and the proofs
 * that tie the entries to the latest signed checkpoint (inclusion of the first and last entry;
 * every earlier checkpoint consistent with the latest). Everything an auditor needs but the public key.
 */
export interface ExportHeader {
  type: 'export';
  format: typeof EXPORT_FORMAT;
  chain: string;
  from: string | null;
  to: string | null;
  exportedAt: string;
  /** How many entries follow, numbered firstSeq..lastSeq (null when none). */
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The size of the checkpoint the export is tied to (the chain's size when it was made). */
  treeSize: number;
  keyId: string;
  /** Ed25519 over the canonical JSON of every other field: entries cut from either end are caught. */
  signature: string;
}

/** The part of the header that is signed. */
export function exportStatement(header: Omit<ExportHeader, 'signature'>): Record<string, unknown> {
  const { chain, from, to, exportedAt, entries, firstSeq, lastSeq, treeSize, keyId } = header;
  return { type: EXPORT_FORMAT, chain, from, to, exportedAt, entries, firstSeq, lastSeq, treeSize, keyId };
}

/** The fields an exported entry has (its `type` aside): anything else is not covered by the hash. */
export const ENTRY_FIELDS = new Set([
  'chain',
  'seq',
  'eventId',
  'service',
  'action',
  'outcome',
  'resourceType',
  'resourceId',
  'actorKind',
  'actorId',
  'actorRole',
  'phi',
  'changes',
  'reason',
  'requestId',
  'traceId',
  'clientIp',
  'userAgent',
  'occurredAt',
  'recordedAt',
  'prevHash',
  'hash',
]);

export type ExportLine =
  | ExportHeader
  | ({ type: 'entry' } & ChainEntry)
  | ({ type: 'checkpoint' } & Checkpoint)
  | { type: 'inclusion'; seq: number; treeSize: number; proof: string[] }
  | { type: 'consistency'; fromSize: number; toSize: number; proof: string[] };
