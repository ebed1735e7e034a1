import type { Prisma, PrismaClient } from '../../generated/prisma';

type Db = PrismaClient | Prisma.TransactionClient;

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: Prisma.JsonValue;
  privateSealed: string;
  createdAt: Date;
  retiredAt: Date | null;
}

/** Signing keys belong to the platform, not to a tenant: a system repository, no tenant scope. */
export function signingKeySystemRepository(db: Db) {
  return {
    active: (): Promise<SigningKeyRow | null> =>
      db.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } }),
    /** Active keys and keys retired after `retiredSince` (their tokens may still be alive). */
    published: (retiredSince: Date): Promise<SigningKeyRow[]> =>
      db.signingKey.findMany({
        where: { OR: [{ retiredAt: null }, { retiredAt: { gt: retiredSince } }] },
        orderBy: { createdAt: 'desc' },
      }),
    insert: (row: Omit<SigningKeyRow, 'createdAt' | 'retiredAt'>) =>
      db.signingKey.create({ data: { ...row, publicJwk: row.publicJwk ?? {} } }),
    retireActive: (at: Date) => db.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: at } }),
  };
}
