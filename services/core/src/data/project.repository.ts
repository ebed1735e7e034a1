import type { Tx } from './db';

export interface ProjectRecord {
  id: string;
  name: string;
  letterType: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Projects of one tenant: every query carries the tenant (and RLS checks it again). */
export function projectRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    create: (p: { id: string; name: string; letterType: string; createdBy: string }): Promise<ProjectRecord> =>
      tx.project.create({ data: { ...p, ...scope } }),
    findById: (id: string): Promise<ProjectRecord | null> => tx.project.findFirst({ where: { ...scope, id } }),
    list: (limit: number): Promise<ProjectRecord[]> =>
      tx.project.findMany({ where: scope, orderBy: { createdAt: 'desc' }, take: limit }),
  };
}
export type ProjectRepository = ReturnType<typeof projectRepository>;
