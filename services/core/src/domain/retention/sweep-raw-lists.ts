import { sweepEach } from '@plh/service-kit';
import type { CoreDeps } from '../deps';

/** Lists handled per run; the next run (or the next slot of a backlog) takes the rest. */
const BATCH = 500;

/**
 * Deletes the uploaded file of every patient list accepted more than `rawListDays` ago (the encrypted
 * patient rows the orders need stay; the raw export with its extra columns does not). Per list, in its
 * practice's transaction: the bytes are deleted first, then the revision is marked and the deletion
 * audited, so a crash in between leaves a file already gone that the next run marks (deleting a
 * missing object is a no-op). Answers how many files were deleted.
 */
export async function sweepRawLists(
  deps: Pick<CoreDeps, 'unitOfWork' | 'systemWork' | 'storage'>,
  input: { rawListDays: number; now?: Date; log?: { warn(obj: object, msg: string): void } },
): Promise<number> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.rawListDays * 86_400_000);
  const due = await deps.systemWork(({ retention }) => retention.dueRawLists(cutoff, BATCH));
  return sweepEach(
    due,
    ({ tenantId, listId }) =>
      deps.unitOfWork(tenantId, async (uow) => {
        const list = await uow.lists.findById(listId);
        const revision = list && (await uow.files.findRevision(list.fileRevisionId));
        if (!list || !revision || revision.deletedAt) return 0;
        await deps.storage.delete(revision.storageKey);
        await uow.files.markDeleted(revision.id, 'retention');
        await uow.audit.record({
          action: 'file.delete',
          resource: { type: 'file-revision', id: revision.id },
          reason: 'RETENTION',
          changes: [
            { field: 'kind', to: revision.kind },
            { field: 'patientListId', to: list.id },
            { field: 'acceptedAt', to: list.acceptedAt?.toISOString() ?? null },
          ],
        });
        return 1;
      }),
    (err, { listId }) =>
      input.log?.warn({ err, listId }, 'retention: could not delete a patient list file; the next run tries again'),
  );
}
