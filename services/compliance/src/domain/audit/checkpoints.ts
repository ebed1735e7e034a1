import { CompactTree, type Checkpoint, type CheckpointSigner } from '@plh/audit-chain';
import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { ComplianceDeps } from '../deps';

/** Signs a checkpoint of every chain that grew since its last one; once per slot across replicas. */
export const CheckpointAuditChains = defineJob(
  'compliance.checkpoint-audit-chains',
  Type.Object({}, { additionalProperties: false }),
  { maxAttempts: 1 },
);

/**
 * The chain's checkpoint now: size and Merkle root from the head's frontier (no read of the entries),
 * signed. A chain that has not grown since its last checkpoint keeps that one; an empty chain gets the
 * empty tree's (RFC 9162), so a practice can hold us to "nothing was recorded" too.
 */
export async function checkpointChain(
  uow: Pick<UnitOfWork, 'tenantId' | 'auditTrail'>,
  signer: CheckpointSigner,
  now = new Date(),
): Promise<Checkpoint> {
  const head = await uow.auditTrail.head();
  if (head.checkpointedSize === head.size) {
    const latest = (await uow.auditTrail.checkpoints()).at(-1);
    if (latest?.treeSize === head.size) return latest;
  }
  const tree = CompactTree.restore(
    head.size,
    head.frontier.map((h) => Buffer.from(h, 'hex')),
  );
  const checkpoint = signer.sign({
    chain: uow.tenantId,
    treeSize: head.size,
    rootHash: tree.root().toString('hex'),
    issuedAt: now.toISOString(),
  });
  await uow.auditTrail.saveCheckpoint(checkpoint);
  return checkpoint;
}

const BATCH = 500;

/** Every grown chain's checkpoint, each in its own practice's transaction. Answers how many were signed. */
export async function checkpointGrownChains(
  deps: Pick<ComplianceDeps, 'systemWork' | 'unitOfWork' | 'audit'>,
  now = new Date(),
): Promise<number> {
  let signed = 0;
  // One pass in id order: a chain that grows again meanwhile waits for the next run.
  for (let after: string | null = null; ;) {
    const from: string | null = after;
    const chains: string[] = await deps.systemWork(({ auditChains }) => auditChains.toCheckpoint(from, BATCH));
    for (const chain of chains) {
      await deps.unitOfWork(chain, (uow) => checkpointChain(uow, deps.audit.signer, now));
      signed++;
    }
    if (chains.length < BATCH) return signed;
    after = chains.at(-1)!;
  }
}
