import { afterTimeKey, byTime } from '@plh/service-kit';
import type { Tx } from './db';

export interface ProjectRecord {
  id: string;
  name: string;
  letterType: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

/** Projects of one tenant: every query carries the tenant (and RLS checks it again). */
export function projectRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    // Millisecond precision (not now()'s microseconds): the list cursor carries this time.
    create: (p: { id: string; name: string; letterType: string; createdBy: string }): Promise<ProjectRecord> =>
      tx.project.create({ data: { ...p, ...scope, createdAt: new Date() } }),
    findById: (id: string): Promise<ProjectRecord | null> => tx.project.findFirst({ where: { ...scope, id } }),
    /** Newest first after a keyset position; archived ones only when asked. */
    list: (query: {
      archived: boolean;
      after?: { createdAt: Date; id: string };
      take: number;
    }): Promise<ProjectRecord[]> =>
      tx.project.findMany({
        where: {
          ...scope,
          archivedAt: query.archived ? { not: null } : null,
          ...afterTimeKey(query.after),
        },
        orderBy: byTime(),
        take: query.take,
      }),
    setArchived: (id: string, at: Date | null) =>
      tx.project.update({ where: { id, tenantId }, data: { archivedAt: at } }),
  };
}
export type ProjectRepository = ReturnType<typeof projectRepository>;
