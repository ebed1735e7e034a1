import { decodeTimeCursor, pageByTime } from '@plh/service-kit';
import type { ListStatus, PatientListRecord } from '../../data/patient-list.repository';
import type { CoreDeps } from '../deps';
import { ProjectNotFound } from '../problems';

/** A project's patient lists, newest first, a page at a time (the practice finds every upload here). */
export async function listPatientLists(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; projectId: string; status?: ListStatus; cursor?: string; limit: number },
): Promise<{ items: PatientListRecord[]; next: string | null }> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    if (!(await uow.projects.findById(input.projectId))) throw new ProjectNotFound();
    const rows = await uow.lists.listForProject(input.projectId, {
      status: input.status,
      after: input.cursor ? decodeTimeCursor('patient-list', input.cursor) : undefined,
      take: input.limit + 1,
    });
    return pageByTime('patient-list', rows, input.limit);
  });
}
