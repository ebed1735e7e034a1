import { createEvent, PatientListAccepted } from '@plh/contracts';
import type { CoreDeps } from '../deps';
import { ListNotFound, ListNotReady } from '../problems';
import { withIssuePreview, type ListWithIssues } from './issues';

/** The practice accepts a validated list's valid rows for mailing (`plh.core.patient-list.accepted`). */
export async function acceptPatientList(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string },
): Promise<ListWithIssues> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    if (list.status === 'accepted') return withIssuePreview(uow, list);
    if (list.status === 'importing')
      throw new ListNotReady('The list is still being imported; accept it when it is validated.');
    if (list.status !== 'validated')
      throw new ListNotReady(
        list.status === 'needs_mapping'
          ? 'Map the list’s columns first.'
          : `A ${list.status} list cannot be accepted; upload it again.`,
      );
    if (list.validRows === 0) throw new ListNotReady('The list has no valid rows to mail to.');
    const accepted = await uow.lists.update(list.id, { status: 'accepted', acceptedAt: new Date() });
    await uow.outbox.enqueue(
      createEvent(PatientListAccepted, {
        source: 'core',
        tenantId: input.tenantId,
        data: { listId: list.id, projectId: list.projectId, validRows: list.validRows },
      }),
    );
    await uow.audit.record({
      action: 'patient-list.accept',
      resource: { type: 'patient-list', id: list.id },
      changes: [{ field: 'status', from: list.status, to: 'accepted' }],
    });
    return withIssuePreview(uow, accepted);
  });
}
