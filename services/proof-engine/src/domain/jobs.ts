import { randomUUID } from 'node:crypto';
import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { JobKind, JobRecord } from '../data/job.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { ProofDeps } from './deps';
import { JobNotFound, JobNotRetryable, LetterNotSetUp } from './problems';

/** What the worker runs for a proof job: the job's id (its tenant is the queue row's). */
export const RunProofJob = defineJob('proof.run-job', Type.Object({ jobId: Type.String({ minLength: 1 }) }), {
  // Bookkeeping failures (database, core unreachable) are retried; a job's own failure is recorded on it.
  maxAttempts: 5,
});

/**
 * Queues a job of an order unless one of that kind is queued or running (that one is answered): a double
 * click or a redelivered event does not render twice. The job row and its run commit together.
 */
export async function queueJob(
  uow: UnitOfWork,
  input: { orderId: string; kind: JobKind; requestedBy: string },
): Promise<{ job: JobRecord; created: boolean }> {
  const live = await uow.jobs.findLive(input.orderId, input.kind);
  if (live) return { job: live, created: false };
  const job = await uow.jobs.create({ id: randomUUID(), ...input });
  await uow.queue.enqueue(RunProofJob, { jobId: job.id });
  return { job, created: true };
}

/**
 * A proof (or production) job for an order, queued for the worker. Asking again while one is queued
 * or running returns that job (one live job per order and kind), so a double click or a redelivered
 * event does not render twice. The order must exist in the practice and its project have a letter.
 */
export async function requestJob(
  deps: Pick<ProofDeps, 'unitOfWork' | 'core'>,
  input: { tenantId: string; orderId: string; kind: JobKind; requestedBy: string },
): Promise<{ job: JobRecord; created: boolean }> {
  const mailing = await deps.core.mailing(input.tenantId, input.orderId); // 404 from core: not this practice's
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const live = await uow.jobs.findLive(input.orderId, input.kind);
    if (live) return { job: live, created: false };
    if (!(await uow.letters.find(mailing.projectId))) throw new LetterNotSetUp();
    const { job } = await queueJob(uow, input);
    await uow.audit.record({
      action: 'job.request',
      resource: { type: 'proof-job', id: job.id },
      changes: [
        { field: 'kind', to: job.kind },
        { field: 'orderId', to: job.orderId },
      ],
    });
    return { job, created: true };
  });
}

/** A failed job back in the queue; the worker resumes after the last finished batch. */
export async function retryJob(
  deps: Pick<ProofDeps, 'unitOfWork'>,
  input: { tenantId: string; jobId: string },
): Promise<JobRecord> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const job = await uow.jobs.findById(input.jobId);
    if (!job) throw new JobNotFound();
    if (job.state !== 'failed') throw new JobNotRetryable(job.state);
    const live = await uow.jobs.findLive(job.orderId, job.kind);
    if (live) return live;
    await uow.audit.record({
      action: 'job.retry',
      resource: { type: 'proof-job', id: job.id },
      changes: [{ field: 'state', from: 'failed', to: 'queued' }],
    });
    const queued = await uow.jobs.update(job.id, { state: 'queued', error: null, failedRow: null, finishedAt: null });
    await uow.queue.enqueue(RunProofJob, { jobId: job.id });
    return queued;
  });
}

/**
 * A finished job's files are about to be handed out (signed links): proofs and production files print
 * patients' names and addresses, so this is an audited read of PHI.
 */
export async function recordJobDownload(deps: Pick<ProofDeps, 'unitOfWork'>, tenantId: string, job: JobRecord) {
  await deps.unitOfWork(tenantId, (uow) =>
    uow.audit.record({
      action: 'job.download',
      resource: { type: 'proof-job', id: job.id },
      phi: true,
      changes: [{ field: 'kind', to: job.kind }],
    }),
  );
}

export async function getJob(deps: Pick<ProofDeps, 'unitOfWork'>, tenantId: string, jobId: string) {
  const job = await deps.unitOfWork(tenantId, (uow) => uow.jobs.findById(jobId));
  if (!job) throw new JobNotFound();
  return job;
}
