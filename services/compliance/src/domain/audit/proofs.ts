import { consistencyProof, entryLeaf, inclusionProof, type ChainEntry, type Checkpoint } from '@plh/audit-chain';
import type { UnitOfWork } from '../../data/unit-of-work';

type Trail = Pick<UnitOfWork, 'auditTrail'>;
const hex = (proof: Buffer[]) => proof.map((h) => h.toString('hex'));

export class ProofNotAvailable extends Error {
  constructor(
    readonly code: 'NO_SUCH_ENTRY' | 'NO_SUCH_CHECKPOINT' | 'NOT_COVERED' | 'BROKEN_TRAIL',
    message: string,
  ) {
    super(message);
  }
}

async function checkpointOf(trail: Trail, treeSize: number | undefined): Promise<Checkpoint> {
  const checkpoints = await trail.auditTrail.checkpoints();
  const found = treeSize === undefined ? checkpoints.at(-1) : checkpoints.find((c) => c.treeSize === treeSize);
  if (!found)
    throw new ProofNotAvailable(
      'NO_SUCH_CHECKPOINT',
      treeSize === undefined ? 'The trail has no checkpoint yet' : `No checkpoint of tree size ${treeSize}`,
    );
  return found;
}

async function leaves(trail: Trail, upTo: number): Promise<Buffer[]> {
  const hashes = await trail.auditTrail.hashesUpTo(upTo);
  if (hashes.length < upTo)
    throw new ProofNotAvailable('BROKEN_TRAIL', `Entries of the first ${upTo} are missing: verify the trail`);
  return hashes.map(entryLeaf);
}

/** RFC 9162 inclusion proof of entry `seq` in a signed checkpoint (the latest by default). */
export async function entryInclusionProof(trail: Trail, seq: number, treeSize?: number) {
  const [entry] = await trail.auditTrail.entriesBetween(seq - 1, seq);
  if (!entry) throw new ProofNotAvailable('NO_SUCH_ENTRY', `The trail has no entry ${seq}`);
  const checkpoint = await checkpointOf(trail, treeSize);
  if (checkpoint.treeSize < seq)
    throw new ProofNotAvailable('NOT_COVERED', `Entry ${seq} is newer than checkpoint ${checkpoint.treeSize}`);
  const all = await leaves(trail, checkpoint.treeSize);
  return {
    entry,
    leafIndex: seq - 1,
    checkpoint,
    proof: hex(inclusionProof(all, seq - 1, checkpoint.treeSize)),
  };
}

/** RFC 9162 consistency proof between two signed checkpoints (to the latest by default). */
export async function checkpointConsistencyProof(trail: Trail, fromSize: number, toSize?: number) {
  const [from, to] = [await checkpointOf(trail, fromSize), await checkpointOf(trail, toSize)];
  if (from.treeSize > to.treeSize)
    throw new ProofNotAvailable('NOT_COVERED', `Checkpoint ${from.treeSize} is newer than checkpoint ${to.treeSize}`);
  const all = await leaves(trail, to.treeSize);
  return { from, to, proof: hex(consistencyProof(all, from.treeSize, to.treeSize)) };
}

/**
 * The proofs an export carries: its first and last entry in the anchor, each earlier checkpoint
 * consistent with it. None when entries the anchor covers are missing: the export then carries the
 * entries alone, and the verifier names the gap and the missing proofs.
 */
export function exportProofs(
  all: readonly Buffer[],
  anchor: Checkpoint,
  ends: readonly ChainEntry[],
  earlier: readonly Checkpoint[],
) {
  if (all.length < anchor.treeSize) return { inclusions: [], consistencies: [] };
  return {
    inclusions: ends.map((e) => ({
      type: 'inclusion' as const,
      seq: e.seq,
      treeSize: anchor.treeSize,
      proof: hex(inclusionProof(all, e.seq - 1, anchor.treeSize)),
    })),
    consistencies: earlier.map((c) => ({
      type: 'consistency' as const,
      fromSize: c.treeSize,
      toSize: anchor.treeSize,
      proof: hex(consistencyProof(all, c.treeSize, anchor.treeSize)),
    })),
  };
}
