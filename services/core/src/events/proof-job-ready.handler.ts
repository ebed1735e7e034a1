import { ProofJobFailed, ProofJobReady } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { CoreUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import { clearProblem, recordJobFailure } from '../domain/order-problems';
import { recordProofReady } from '../domain/proofs';

/**
 * The proof engine's job outcomes on their orders. `plh.proof.job.ready` → the order's next proof
 * revision (and proof_ready); a production file made closes the order's open problem. `plh.proof.job.failed`
 * → the failure on the order's timeline, its open problem and the ops queue. The consumer runs each
 * event in a transaction with the event's tenant set and its inbox row, so a redelivery does nothing.
 */
export function startProofConsumer(
  platform: Platform<PrismaClient>,
  unitOfWork: CoreUnitOfWork,
  log: { warn(obj: object, msg: string): void },
) {
  return platform.consume({
    name: 'core-proof-jobs',
    unitOfWork,
    handlers: [
      on(ProofJobReady, async (event, uow: UnitOfWork) => {
        if (event.data.kind === 'proof') return recordProofReady(uow, event.data);
        const order = await uow.orders.findById(event.data.orderId);
        if (order && order.problemJobId === event.data.jobId) await clearProblem(uow, order);
      }),
      on(ProofJobFailed, async (event, uow: UnitOfWork) => {
        if (await recordJobFailure(uow, event.data))
          log.warn(
            { orderId: event.data.orderId, jobId: event.data.jobId, code: event.data.code, row: event.data.row },
            'a proof job failed: shown on its order and in the ops queue',
          );
      }),
    ],
  });
}
