import type { Tx } from './db';

export interface ProviderFields {
  npi: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: Date;
  licenseState: string;
  licenseNumber: string;
  specialty: string | null;
}

/** The practice's provider roster (RLS). */
export function providerRepository(tx: Tx, tenantId: string) {
  return {
    list: () => tx.provider.findMany({ where: { tenantId }, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }] }),
    findById: (id: string) => tx.provider.findFirst({ where: { id, tenantId } }),
    /** Another provider of the practice with this NPI (`exceptId`: the one being edited). */
    findByNpi: (npi: string, exceptId?: string) =>
      tx.provider.findFirst({ where: { tenantId, npi, ...(exceptId ? { NOT: { id: exceptId } } : {}) } }),
    create: (id: string, fields: ProviderFields) => tx.provider.create({ data: { id, tenantId, ...fields } }),
    update: (id: string, fields: ProviderFields) =>
      tx.provider.update({ where: { id }, data: { ...fields, updatedAt: new Date() } }),
    remove: async (id: string) => (await tx.provider.deleteMany({ where: { tenantId, id } })).count === 1,
  };
}
export type ProviderRecord = Awaited<ReturnType<ReturnType<typeof providerRepository>['create']>>;
