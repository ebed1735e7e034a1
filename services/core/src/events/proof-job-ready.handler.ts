import { ProofJobReady } from '@plh/contracts';
import type { Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { Tx } from '../data/db';
import { bindUnitOfWork } from '../data/unit-of-work';
import { recordProofReady } from '../domain/proofs';

/**
 * `plh.proof.job.ready` → the order's next proof revision (and proof_ready). The consumer runs each
 * event in a transaction with the event's tenant set and its inbox row, so a redelivery does nothing.
 * Production files (kind `production`) are not orders' proofs and are skipped here.
 */
export function startProofConsumer(platform: Platform<PrismaClient>) {
  return platform.consume({
    name: 'core-proof-jobs',
    types: [ProofJobReady.type],
    handler: async (event, tx) => {
      const data = event.data as {
        jobId: string;
        orderId: string;
        kind: string;
        storageKey: string;
        sha256: string;
        pageCount: number;
      };
      if (data.kind !== 'proof' || !event.tenantId) return;
      await recordProofReady(bindUnitOfWork(tx as Tx, event.tenantId, platform.registry), data);
    },
  });
}
