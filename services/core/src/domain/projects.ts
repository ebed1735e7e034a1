import { randomUUID } from 'node:crypto';
import type { ProjectRecord } from '../data/project.repository';
import type { CoreDeps } from './deps';
import { decodeTimeCursor, pageByTime } from '@plh/service-kit';
import { ProjectArchived, ProjectNotFound } from './problems';

export const LETTER_TYPES = [
  'practice_closure',
  'provider_departure',
  'hipaa_breach',
  'policy_change',
  'office_relocation',
  'other',
] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

export interface CreateProjectInput {
  tenantId: string;
  actorId: string;
  name: string;
  letterType: LetterType;
  /**
   * The id, when the caller chose it (another service's request, made idempotent): the project of
   * this id is answered as it is when it exists already.
   */
  projectId?: string;
}

export function createProject(deps: Pick<CoreDeps, 'unitOfWork'>, input: CreateProjectInput): Promise<ProjectRecord> {
  return deps.unitOfWork(input.tenantId, async ({ projects, audit }) => {
    if (input.projectId) {
      const existing = await projects.findById(input.projectId);
      if (existing) return existing;
    }
    const project = await projects.create({
      id: input.projectId ?? randomUUID(),
      name: input.name.trim(),
      letterType: input.letterType,
      createdBy: input.actorId,
    });
    await audit.record({
      action: 'project.create',
      resource: { type: 'project', id: project.id },
      changes: [{ field: 'letterType', to: input.letterType }],
    });
    return project;
  });
}

/** The practice's campaigns, newest first, a page at a time; archived ones on request. */
export function listProjects(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; archived: boolean; cursor?: string; limit: number },
): Promise<{ items: ProjectRecord[]; next: string | null }> {
  return deps.unitOfWork(input.tenantId, async ({ projects }) => {
    const rows = await projects.list({
      archived: input.archived,
      after: input.cursor ? decodeTimeCursor('project', input.cursor) : undefined,
      take: input.limit + 1,
    });
    return pageByTime('project', rows, input.limit);
  });
}

/**
 * Archives a finished campaign (hidden from the list, no new lists or quotes; its orders carry on), or
 * restores it. Audited; archiving an archived project changes nothing.
 */
export function setProjectArchived(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; projectId: string; archived: boolean },
): Promise<ProjectRecord> {
  return deps.unitOfWork(input.tenantId, async ({ projects, audit }) => {
    const project = await projects.findById(input.projectId);
    if (!project) throw new ProjectNotFound();
    if (Boolean(project.archivedAt) === input.archived) return project;
    await audit.record({
      action: input.archived ? 'project.archive' : 'project.restore',
      resource: { type: 'project', id: project.id },
      changes: [{ field: 'archived', from: !input.archived, to: input.archived }],
    });
    return projects.setArchived(project.id, input.archived ? new Date() : null);
  });
}

/** A project that takes new work (lists, quotes): it exists here and is not archived. */
export async function activeProject(
  projects: { findById(id: string): Promise<ProjectRecord | null> },
  id: string,
): Promise<ProjectRecord> {
  const project = await projects.findById(id);
  if (!project) throw new ProjectNotFound();
  if (project.archivedAt) throw new ProjectArchived();
  return project;
}

export async function getProject(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  id: string,
): Promise<ProjectRecord> {
  const project = await deps.unitOfWork(tenantId, ({ projects }) => projects.findById(id));
  if (!project) throw new ProjectNotFound();
  return project;
}
