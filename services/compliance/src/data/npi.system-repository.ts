import type { NpiRecord, RegistryTaxonomy } from '../domain/nppes/nppes-answer';
import type { NpiVerification } from '../domain/nppes/npi-findings';
import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

const toVerification = (r: Prisma.NpiVerificationGetPayload<object>): NpiVerification => ({
  npi: r.npi,
  status: r.status as NpiVerification['status'],
  enumerationType: r.enumerationType,
  firstName: r.firstName,
  lastName: r.lastName,
  organizationName: r.organizationName,
  taxonomies: r.taxonomies as unknown as RegistryTaxonomy[],
  error: r.error,
  checkedAt: r.checkedAt,
});

/** What the NPI Registry last answered per NPI (public data, platform-wide). */
export function npiSystemRepository(tx: Tx) {
  return {
    async of(npis: readonly string[]): Promise<Map<string, NpiVerification>> {
      if (npis.length === 0) return new Map();
      const rows = await tx.npiVerification.findMany({ where: { npi: { in: [...new Set(npis)] } } });
      return new Map(rows.map((r) => [r.npi, toVerification(r)]));
    },
    /** The NPIs among these the registry was never asked about (a failed lookup waits for the next sync). */
    async neverAsked(npis: readonly string[]): Promise<string[]> {
      if (npis.length === 0) return [];
      const rows = await tx.npiVerification.findMany({
        where: { npi: { in: [...new Set(npis)] } },
        select: { npi: true },
      });
      const known = new Set(rows.map((r) => r.npi));
      return [...new Set(npis)].filter((npi) => !known.has(npi));
    },
    /**
     * Records an answer (or the error that stood in for one); answers whether what the registry says
     * changed (status, names, taxonomies), which is when the practices using the NPI are screened again.
     */
    async save(npi: string, answer: NpiRecord | { error: string }, at: Date): Promise<boolean> {
      const before = await tx.npiVerification.findUnique({ where: { npi } });
      if ('error' in answer) {
        await tx.npiVerification.upsert({
          where: { npi },
          create: { npi, status: 'error', error: answer.error.slice(0, 1000), checkedAt: at },
          update: { status: 'error', error: answer.error.slice(0, 1000), checkedAt: at },
        });
        return before?.status !== 'error';
      }
      const data = {
        status: answer.status,
        enumerationType: answer.enumerationType,
        firstName: answer.firstName,
        middleName: answer.middleName,
        lastName: answer.lastName,
        organizationName: answer.organizationName,
        taxonomies: answer.taxonomies as unknown as Prisma.InputJsonValue,
        error: null,
        checkedAt: at,
        verifiedAt: at,
      };
      await tx.npiVerification.upsert({ where: { npi }, create: { npi, ...data }, update: data });
      return (
        !before ||
        before.status !== data.status ||
        before.firstName !== data.firstName ||
        before.lastName !== data.lastName ||
        before.enumerationType !== data.enumerationType ||
        JSON.stringify(before.taxonomies) !== JSON.stringify(data.taxonomies)
      );
    },
  };
}
