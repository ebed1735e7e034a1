import { ProofJobReady } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { CoreUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import { recordProofReady } from '../domain/proofs';

/**
 * `plh.proof.job.ready` → the order's next proof revision (and proof_ready). The consumer runs each
 * event in a transaction with the event's tenant set and its inbox row, so a redelivery does nothing.
 * Production files (kind `production`) are not orders' proofs and are skipped here.
 */
export function startProofConsumer(platform: Platform<PrismaClient>, unitOfWork: CoreUnitOfWork) {
  return platform.consume({
    name: 'core-proof-jobs',
    unitOfWork,
    handlers: [
      on(ProofJobReady, async (event, uow: UnitOfWork) => {
        if (event.data.kind !== 'proof') return;
        await recordProofReady(uow, event.data);
      }),
    ],
  });
}
