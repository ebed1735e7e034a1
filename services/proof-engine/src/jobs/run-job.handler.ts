import { handle } from '@plh/jobs';
import type { ProofDeps } from '../domain/deps';
import { RunProofJob } from '../domain/jobs';
import { failJob, runJob } from '../domain/run-job';

/**
 * The worker's side of a proof job. Rendering is CPU-bound, so one job at a time per process (more
 * processes for more throughput); the lease is long because a production batch keeps the event loop
 * busy between lease renewals. A job's own failure (bad row, no letter) is recorded on the job and is
 * not retried; only bookkeeping failures (database, core unreachable) throw and come back with backoff.
 */
export function runJobHandler(
  deps: ProofDeps,
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void },
) {
  return handle(
    RunProofJob,
    async (job, signal) => {
      if (!job.tenantId) throw new Error(`proof job ${job.payload.jobId} was queued without a practice`);
      await runJob(deps, { id: job.payload.jobId, tenantId: job.tenantId }, log, signal);
    },
    {
      concurrency: 1,
      leaseSec: 300,
      // The queue stopped retrying (database or core kept failing): the practice sees a failed job it can retry.
      giveUp: async (job) => {
        if (!job.tenantId) return;
        await failJob(
          deps,
          { id: job.payload.jobId, tenantId: job.tenantId },
          {
            code: 'INTERNAL_ERROR',
            reason: 'The job could not be completed after several attempts; it can be retried.',
            row: null,
          },
        );
      },
    },
  );
}
