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
  entries: number;
}

export type ExportLine =
  | ExportHeader
  | ({ type: 'entry' } & ChainEntry)
  | ({ type: 'checkpoint' } & Checkpoint)
  | { type: 'inclusion'; seq: number; treeSize: number; proof: string[] }
  | { type: 'consistency'; fromSize: number; toSize: number; proof: string[] };
