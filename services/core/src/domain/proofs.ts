import { randomUUID } from 'node:crypto';
import { createEvent, OrderApproved, type EventEnvelope } from '@plh/contracts';
import { Conflict, ValidationFailed } from '@plh/service-kit';
import { keyBelongsTo } from '@plh/storage';
import type { ApprovalRecord, ProofRecord } from '../data/proof.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { Actor, CoreDeps } from './deps';
import { clearProblem } from './order-problems';
import { changeOrderStatusIn } from './orders';
import { OrderNotFound } from './problems';

const SYSTEM: Actor = { id: 'proof-engine', kind: 'service', role: null };

/**
 * The proof engine finished a proof for an order (plh.proof.job.ready): it becomes the order's next
 * proof revision, and an order waiting for it moves to proof_ready (an order still `ordered` passes
 * through proof_pending first, so the timeline shows both). A proof for an order that moved on
 * (cancelled, failed) is recorded and changes nothing. Runs in the consumer's transaction: once.
 */
export async function recordProofReady(
  uow: UnitOfWork,
  data: { jobId: string; orderId: string; storageKey: string; sha256: string; pageCount: number },
): Promise<void> {
  if (await uow.proofs.findByJob(data.jobId)) return;
  // A proof file outside the tenant's own prefix is never attached (a confused or forged event).
  if (!keyBelongsTo(data.storageKey, uow.tenantId)) throw new Error('proof file is outside the tenant prefix');
  const order = await uow.orders.lock(data.orderId);
  if (!order) return; // not this tenant's (or gone): nothing to attach it to
  await clearProblem(uow, order);
  const proofId = randomUUID();
  await uow.proofs.add({
    id: proofId,
    orderId: order.id,
    jobId: data.jobId,
    storageKey: data.storageKey,
    sha256: data.sha256,
    pageCount: data.pageCount,
  });
  await uow.audit.record({
    action: 'proof.attach',
    resource: { type: 'proof', id: proofId },
    changes: [
      { field: 'orderId', to: order.id },
      { field: 'sha256', to: data.sha256 },
    ],
  });
  if (order.status === 'ordered')
    await changeOrderStatusIn(uow, {
      tenantId: uow.tenantId,
      orderId: order.id,
      action: 'request_proof',
      actor: SYSTEM,
    });
  if (order.status === 'ordered' || order.status === 'proof_pending')
    await changeOrderStatusIn(uow, { tenantId: uow.tenantId, orderId: order.id, action: 'proof_ready', actor: SYSTEM });
}

export interface DecideProofInput {
  tenantId: string;
  orderId: string;
  actor: Actor;
  decision: 'approved' | 'rejected';
  /** The proof the approver looked at, and the hash of the file they were shown. */
  proofId: string;
  proofSha256: string;
  comment?: string | null;
  expectedVersion?: number;
}

/**
 * An approver's decision, pinned to the exact file reviewed: it must be the order's latest proof and
 * its hash must match, so a proof regenerated while someone was reading is never approved unseen.
 * A rejection needs a comment (what to change) and sends the order back to proof_pending.
 */
export async function decideProof(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: DecideProofInput,
): Promise<{ approval: ApprovalRecord; orderVersion: number; status: string }> {
  if (input.decision === 'rejected' && !input.comment?.trim())
    throw new ValidationFailed([{ pointer: '/body/comment', message: 'says what has to change (required to reject)' }]);
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const latest = await uow.proofs.latest(input.orderId);
    if (!latest) {
      if (!(await uow.orders.findById(input.orderId))) throw new OrderNotFound();
      throw new Conflict('NO_PROOF_YET', 'This order has no proof to decide on yet.');
    }
    if (latest.id !== input.proofId || latest.sha256 !== input.proofSha256)
      throw new Conflict(
        'PROOF_CHANGED',
        'A newer proof exists, or the file differs from the one you reviewed; review the latest proof.',
      );
    let approval: ApprovalRecord | undefined;
    const order = await changeOrderStatusIn(
      uow,
      {
        tenantId: input.tenantId,
        orderId: input.orderId,
        action: input.decision === 'approved' ? 'approve' : 'reject',
        actor: input.actor,
        ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
        reason: input.comment ?? null,
      },
      async (tx, updated): Promise<EventEnvelope[]> => {
        // Who approved which file, by its hash: the record an auditor asks for about a breach notice.
        await tx.audit.record({
          action: input.decision === 'approved' ? 'proof.approve' : 'proof.reject',
          resource: { type: 'proof', id: latest.id },
          changes: [
            { field: 'decision', to: input.decision },
            { field: 'proofSha256', to: latest.sha256 },
            { field: 'revision', to: latest.revision },
          ],
        });
        approval = await tx.proofs.addApproval({
          id: randomUUID(),
          orderId: updated.id,
          proofId: latest.id,
          proofSha256: latest.sha256,
          decision: input.decision,
          comment: input.comment?.trim() || null,
          decidedBy: input.actor.id,
        });
        return input.decision === 'approved'
          ? [
              createEvent(OrderApproved, {
                source: 'core',
                tenantId: input.tenantId,
                data: { orderId: updated.id, proofId: latest.id, proofSha256: latest.sha256 },
              }),
            ]
          : [];
      },
    );
    return { approval: approval!, orderVersion: order.version, status: order.status };
  });
}

export function listProofs(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  orderId: string,
): Promise<{ proofs: ProofRecord[]; approvals: ApprovalRecord[] }> {
  return deps.unitOfWork(tenantId, async (uow) => {
    if (!(await uow.orders.findById(orderId))) throw new OrderNotFound();
    const proofs = await uow.proofs.list(orderId);
    // The answer carries links to the proofs, which print patients' names and addresses.
    if (proofs.length)
      await uow.audit.record({ action: 'order.read-proofs', resource: { type: 'order', id: orderId }, phi: true });
    return { proofs, approvals: await uow.proofs.approvals(orderId) };
  });
}
