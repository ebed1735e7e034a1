import type { CoreDeps } from '../deps';
import { ListInUse, ListNotFound, ListNotReady } from '../problems';

/** Orders in these statuses are done with their list's patients. */
const FINISHED = ['cancelled', 'failed', 'completed'];

/**
 * Deletes a patient list a practice uploaded by mistake (or no longer needs): its encrypted patient
 * rows, its row issues and its stored file go; the list stays as a `deleted` record (counts, who,
 * when; no PHI) and its issued quotes expire. Refused while an order still mails the list. Audited
 * (`patient-list.delete`, `file.delete`). Deleting a deleted list changes nothing.
 */
export async function deletePatientList(
  deps: Pick<CoreDeps, 'unitOfWork' | 'storage'>,
  input: { tenantId: string; listId: string },
): Promise<void> {
  await deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    if (list.status === 'deleted') return;
    // An import commits its rows at its end: deleting under it would bring them back.
    if (list.status === 'importing')
      throw new ListNotReady('The list is being imported; delete it when the import has finished.');
    // Expire the list's open quotes first: that locks them, so an order being placed from one either
    // committed before (and is seen just below: refused) or finds its quote expired. No order can
    // slip in between the check and the deletion.
    await uow.quotes.expireForList(list.id);
    const busy = (await uow.orders.ofList(list.id)).find((o) => !FINISHED.includes(o.status));
    if (busy) throw new ListInUse(busy.number, busy.status);
    const revision = await uow.files.findRevision(list.fileRevisionId);
    await uow.lists.deletePatients(list.id);
    await uow.lists.deleteIssues(list.id);
    await uow.lists.update(list.id, { status: 'deleted', deletedAt: new Date() });
    await uow.audit.record({
      action: 'patient-list.delete',
      resource: { type: 'patient-list', id: list.id },
      changes: [
        { field: 'status', from: list.status, to: 'deleted' },
        { field: 'validRows', from: list.validRows, to: 0 },
      ],
    });
    if (!revision || revision.deletedAt) return;
    // The bytes first, as the retention sweep does: if the transaction then fails, a retry deletes
    // again (a missing object is no error) and the rows go with it.
    await deps.storage.delete(revision.storageKey);
    await uow.files.markDeleted(revision.id, 'deleted');
    await uow.audit.record({
      action: 'file.delete',
      resource: { type: 'file-revision', id: revision.id },
      reason: 'DELETED_BY_PRACTICE',
      changes: [{ field: 'patientListId', to: list.id }],
    });
  });
}
