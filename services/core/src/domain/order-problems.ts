import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../data/unit-of-work';

export interface JobFailure {
  jobId: string;
  orderId: string;
  code: string;
  row: number | null;
  kind?: 'proof' | 'production';
}

/**
 * A proof or production job failed for good (`plh.proof.job.failed`): the order shows it — a timeline
 * entry of kind `problem` with the code, the list row and the job (the status stays: the practice
 * fixes its data and retries the job, or ops do), and an open problem the order view and the ops
 * queue show until a proof arrives or the order moves on. Audited; ids and codes only.
 */
export async function recordJobFailure(uow: UnitOfWork, failure: JobFailure): Promise<boolean> {
  const order = await uow.orders.lock(failure.orderId);
  if (!order) return false; // not this practice's (or gone)
  const what = failure.kind === 'production' ? 'The production file' : 'The proof';
  await uow.orders.appendTimeline({
    id: randomUUID(),
    orderId: order.id,
    kind: 'problem',
    fromStatus: order.status,
    toStatus: order.status,
    actorKind: 'service',
    actorId: 'proof-engine',
    reason: `${what} could not be made (${failure.code}${failure.row ? `, list row ${failure.row}` : ''}); see the job, fix what it names and retry it.`,
    code: failure.code,
    failedRow: failure.row,
    jobId: failure.jobId,
  });
  await uow.orders.setProblem(order.id, { code: failure.code, row: failure.row, jobId: failure.jobId });
  await uow.audit.record({
    action: 'order.problem',
    resource: { type: 'order', id: order.id },
    outcome: 'failure',
    reason: failure.code,
    changes: [
      { field: 'jobId', to: failure.jobId },
      { field: 'row', to: failure.row },
    ],
  });
  return true;
}

/** The order's problem is over (a proof arrived, the production file was made, the order moved on). */
export async function clearProblem(uow: UnitOfWork, order: { id: string; problemCode: string | null }): Promise<void> {
  if (order.problemCode) await uow.orders.setProblem(order.id, null);
}
