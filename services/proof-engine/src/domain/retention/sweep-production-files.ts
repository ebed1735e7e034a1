import { sweepEach } from '@plh/service-kit';
import type { ProofDeps } from '../deps';

/** Jobs handled per run; the next run takes the rest. */
const BATCH = 200;

/**
 * Deletes the files of every production job whose order was mailed more than
 * `productionRetentionDays` ago (or that finished that long ago and never heard of a mailing: a
 * cancelled order's print file): the batch PDFs (every patient's letter) and the manifest. Per job, in
 * its practice's transaction: the bytes first, then the job is marked and the deletion audited, so a
 * crash in between leaves files already gone that the next run marks (deleting a missing object is a
 * no-op). One job whose files cannot be deleted now does not hold back the others. Answers how many
 * jobs' files were deleted.
 */
export async function sweepProductionFiles(
  deps: Pick<ProofDeps, 'unitOfWork' | 'systemWork' | 'storage' | 'settings'>,
  input: { now?: Date; log?: { warn(obj: object, msg: string): void } } = {},
): Promise<number> {
  const days = deps.settings.productionRetentionDays;
  const cutoff = new Date((input.now ?? new Date()).getTime() - days * 86_400_000);
  const due = await deps.systemWork(({ retention }) => retention.dueProductionJobs(cutoff, BATCH));
  return sweepEach(
    due,
    ({ tenantId, jobId }) =>
      deps.unitOfWork(tenantId, async (uow) => {
        const job = await uow.jobs.findById(jobId);
        if (!job || job.filesDeletedAt || job.kind !== 'production') return 0;
        for (const key of [...job.parts.map((p) => p.key), ...(job.storageKey ? [job.storageKey] : [])])
          await deps.storage.delete(key);
        await uow.jobs.markFilesDeleted(job.id);
        await uow.audit.record({
          action: 'file.delete',
          resource: { type: 'proof-job', id: job.id },
          reason: 'RETENTION',
          changes: [
            { field: 'kind', to: job.kind },
            { field: 'parts', to: job.parts.length },
            { field: 'mailedAt', to: job.mailedAt?.toISOString() ?? null },
          ],
        });
        return 1;
      }),
    (err, { jobId }) =>
      input.log?.warn({ err, jobId }, 'retention: could not delete a production file; the next run tries again'),
  );
}
