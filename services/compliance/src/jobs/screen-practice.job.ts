import { handle } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import {
  ScreenPractice,
  ScreenPracticeBatch,
  screenPracticeBatchNow,
  screenPracticeNow,
} from '../domain/screening/screen-practices';

export function screenPracticeHandler(deps: ComplianceDeps) {
  return handle(
    ScreenPractice,
    async (job) => {
      if (!job.tenantId) throw new Error('a practice screening was queued without a practice');
      const fetchedAt = job.payload.sourceFetchedAt ? new Date(job.payload.sourceFetchedAt) : null;
      await screenPracticeNow(deps, job.tenantId, fetchedAt, { verifyNpis: job.payload.verifyNpis ?? false });
    },
    // Each waits on the tenant service and the database more than on this process's CPU.
    { concurrency: 4 },
  );
}

export function screenPracticeBatchHandler(deps: Pick<ComplianceDeps, 'batchWork' | 'rosters'>) {
  return handle(
    ScreenPracticeBatch,
    async (job) => {
      const fetchedAt = job.payload.sourceFetchedAt ? new Date(job.payload.sourceFetchedAt) : null;
      await screenPracticeBatchNow(deps, job.payload.tenantIds, fetchedAt);
    },
    // Two batches at once: one reads rosters while the other writes.
    { concurrency: 2, leaseSec: 300 },
  );
}
