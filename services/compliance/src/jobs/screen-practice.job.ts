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

export function screenPracticeBatchHandler(
  deps: Pick<ComplianceDeps, 'batchWork' | 'rosters' | 'systemWork'>,
  log: { warn(o: object, m: string): void },
) {
  return handle(
    ScreenPracticeBatch,
    async (job) => {
      const fetchedAt = job.payload.sourceFetchedAt ? new Date(job.payload.sourceFetchedAt) : null;
      try {
        await screenPracticeBatchNow(deps, job.payload.tenantIds, fetchedAt);
      } catch (err) {
        // One practice that cannot be screened (its roster unreadable, a row refused) must not hold
        // back the others: each gets its own job, retried on its own.
        log.warn(
          { err: err instanceof Error ? err.message : String(err), practices: job.payload.tenantIds.length },
          'compliance: a screening batch failed; its practices are screened one by one',
        );
        await deps.systemWork(async ({ queue }) => {
          for (const tenantId of job.payload.tenantIds)
            await queue.enqueue(ScreenPractice, { sourceFetchedAt: job.payload.sourceFetchedAt }, { tenantId });
        });
      }
    },
    // Two batches at once: one reads rosters while the other writes.
    { concurrency: 2, leaseSec: 300 },
  );
}
