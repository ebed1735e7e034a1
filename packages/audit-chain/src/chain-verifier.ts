import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint';
import { entryHashOrNull, entryLeaf, GENESIS_HASH, type ChainEntry } from './entry';
import { CompactTree } from './merkle';

export type BreakReason =
  /** The entry's fields no longer hash to its `hash`: it was edited. */
  | 'hash_mismatch'
  /** Its `prevHash` is not the previous entry's hash: an entry before it was edited, replaced or moved. */
  | 'broken_link'
  /** Numbers are missing before it: entries were deleted. */
  | 'gap'
  /** A number repeats or goes backwards: entries were reordered or duplicated. */
  | 'out_of_order'
  /** It belongs to another chain. */
  | 'wrong_chain';

export interface ChainBreak {
  seq: number;
  reason: BreakReason;
  /** For a gap: the first missing number. */
  expectedSeq?: number;
}

export interface CheckpointCheck {
  treeSize: number;
  issuedAt: string;
  keyId: string;
  signatureValid: boolean;
  /** The entries 1..treeSize as they are now hash to the signed root. */
  rootMatches: boolean;
  /** Whether the chain has as many entries as the checkpoint signed (false: entries were deleted at the end). */
  covered: boolean;
}

export interface ChainReport {
  chain: string;
  entries: number;
  headHash: string;
  /** The first place where the chain is not what was appended, or null. */
  firstBreak: ChainBreak | null;
  checkpoints: CheckpointCheck[];
  valid: boolean;
}

/**
 * Re-computes a chain from its first entry, one entry at a time (constant memory: the Merkle tree is
 * kept as its frontier), and checks each signed checkpoint against the root of the entries it
 * covers. Used by the service's verify endpoint and by the offline CLI alike.
 */
export class ChainVerifier {
  private readonly tree = CompactTree.empty();
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private firstBreak: ChainBreak | null = null;
  private readonly pending: Checkpoint[];
  private readonly checked: CheckpointCheck[] = [];

  constructor(
    private readonly chain: string,
    checkpoints: readonly Checkpoint[],
    private readonly keys: ReadonlyMap<string, KeyObject>,
  ) {
    this.pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    this.settleCheckpoints();
  }

  push(entry: ChainEntry): void {
    if (entry.chain !== this.chain) this.breakAt({ seq: entry.seq, reason: 'wrong_chain' });
    // What looked like a gap was a move: the missing entry came later.
    if (this.firstBreak?.reason === 'gap' && this.firstBreak.expectedSeq === entry.seq)
      this.firstBreak = { seq: this.firstBreak.seq, reason: 'out_of_order' };
    if (entry.seq > this.expectedSeq) this.breakAt({ seq: entry.seq, reason: 'gap', expectedSeq: this.expectedSeq });
    else if (entry.seq < this.expectedSeq) this.breakAt({ seq: entry.seq, reason: 'out_of_order' });
    const hash = entryHashOrNull(entry) ?? '0'.repeat(64);
    if (hash !== entry.hash) this.breakAt({ seq: entry.seq, reason: 'hash_mismatch' });
    else if (entry.prevHash !== this.prevHash) this.breakAt({ seq: entry.seq, reason: 'broken_link' });
    this.prevHash = entry.hash;
    this.expectedSeq = Math.max(this.expectedSeq, entry.seq) + 1;
    // The tree is built over the entries as they are now (re-hashed): a checkpoint then shows whether
    // they are what was signed, whatever was done to the stored hashes.
    this.tree.append(entryLeaf(hash));
    this.settleCheckpoints();
  }

  finish(): ChainReport {
    for (const checkpoint of this.pending.splice(0))
      this.checked.push({ ...this.check(checkpoint, false), covered: false });
    const checkpointsOk = this.checked.every((c) => c.signatureValid && c.rootMatches && c.covered);
    return {
      chain: this.chain,
      entries: this.tree.size,
      headHash: this.prevHash,
      firstBreak: this.firstBreak,
      checkpoints: this.checked,
      valid: this.firstBreak === null && checkpointsOk,
    };
  }

  private settleCheckpoints(): void {
    while (this.pending.length > 0 && this.pending[0]!.treeSize === this.tree.size) {
      this.checked.push(this.check(this.pending.shift()!, true));
    }
    // A checkpoint smaller than what has been read was skipped over (its size repeats): it cannot match.
    while (this.pending.length > 0 && this.pending[0]!.treeSize < this.tree.size)
      this.checked.push({ ...this.check(this.pending.shift()!, false), rootMatches: false });
  }

  private check(checkpoint: Checkpoint, atSize: boolean): CheckpointCheck {
    return {
      treeSize: checkpoint.treeSize,
      issuedAt: checkpoint.issuedAt,
      keyId: checkpoint.keyId,
      signatureValid: checkpoint.chain === this.chain && checkpointSignatureValid(checkpoint, this.keys),
      rootMatches: atSize && this.tree.root().toString('hex') === checkpoint.rootHash,
      covered: true,
    };
  }

  private breakAt(found: ChainBreak): void {
    this.firstBreak ??= found;
  }
}
