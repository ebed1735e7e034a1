import type { Tx } from './db';

/** The practice's own row in the platform's tenant registry. */
export function practiceRepository(tx: Tx, tenantId: string) {
  return {
    get: () => tx.tenant.findUnique({ where: { id: tenantId } }),
    create: (practice: { name: string; orgNpi: string | null; timezone?: string }) =>
      tx.tenant.create({ data: { id: tenantId, ...practice } }),
    /** Moves the status from `from` to `to`; false when it was not `from` (or the practice does not exist). */
    changeStatus: async (from: string, to: string) =>
      (await tx.tenant.updateMany({ where: { id: tenantId, status: from }, data: { status: to } })).count === 1,
  };
}
