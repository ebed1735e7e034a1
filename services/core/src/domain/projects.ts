import { randomUUID } from 'node:crypto';
import type { ProjectRecord } from '../data/project.repository';
import type { CoreDeps } from './deps';
import { ProjectNotFound } from './problems';

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
}

export function createProject(deps: Pick<CoreDeps, 'unitOfWork'>, input: CreateProjectInput): Promise<ProjectRecord> {
  return deps.unitOfWork(input.tenantId, async ({ projects, audit }) => {
    const project = await projects.create({
      id: randomUUID(),
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

export function listProjects(deps: Pick<CoreDeps, 'unitOfWork'>, tenantId: string): Promise<ProjectRecord[]> {
  return deps.unitOfWork(tenantId, ({ projects }) => projects.list(200));
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
