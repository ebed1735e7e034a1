import { decodeCursor, encodeCursor, pageOf, ValidationFailed } from '@plh/service-kit';
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
      after: input.cursor ? positionOf(input.cursor) : undefined,
      take: input.limit + 1,
    });
    return pageOf(
      rows,
      input.limit,
      (l) => l,
      (l) => encodeCursor('patient-list', [l.createdAt.toISOString(), l.id]),
    );
  });
}

function positionOf(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = decodeCursor('patient-list', cursor);
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id))
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  return { createdAt, id };
}
