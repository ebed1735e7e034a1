import { ValidationFailed } from '@plh/service-kit';
import type { CoreDeps } from '../deps';
import { ListNotFound, ListNotReady } from '../problems';
import { FIELDS, missingFields, type ColumnMapping } from './columns';
import { ImportPatientList } from './import-list';
import type { ListWithIssues } from './issues';

/**
 * The practice maps the columns auto-detection missed (or mapped wrongly): the list goes back to
 * `importing` and is validated again from its stored file by the import job.
 */
export async function mapPatientList(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string; mapping: ColumnMapping },
): Promise<ListWithIssues> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    if (!['needs_mapping', 'validated'].includes(list.status))
      throw new ListNotReady(
        list.status === 'accepted'
          ? 'An accepted list cannot be re-mapped; upload a new one.'
          : list.status === 'importing'
            ? 'The list is being imported; map it again when the import has finished.'
            : `A ${list.status} list cannot be re-mapped; upload it again.`,
      );
    const errors = Object.entries(input.mapping)
      .filter(([, index]) => index !== undefined && (index < 0 || index >= list.headers.length))
      .map(([field]) => ({
        pointer: `/body/mapping/${field}`,
        message: `is not a column of this list (0–${list.headers.length - 1})`,
      }));
    const missing = missingFields(input.mapping);
    if (missing.length) errors.push({ pointer: '/body/mapping', message: `still lacks ${missing.join(', ')}` });
    if (errors.length) throw new ValidationFailed(errors);
    const mapping = Object.fromEntries(
      FIELDS.filter((f) => input.mapping[f] !== undefined).map((f) => [f, input.mapping[f]!]),
    );
    const importing = await uow.lists.update(list.id, {
      status: 'importing',
      mapping,
      bytesRead: 0,
      progressAt: null,
    });
    await uow.queue.enqueue(ImportPatientList, { listId: list.id });
    await uow.audit.record({
      action: 'patient-list.map',
      resource: { type: 'patient-list', id: list.id },
      changes: [{ field: 'mapping', from: JSON.stringify(list.mapping), to: JSON.stringify(mapping) }],
    });
    return { list: importing, rowErrors: [], rowWarnings: [] };
  });
}
