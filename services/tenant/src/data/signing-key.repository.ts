import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: Prisma.JsonValue;
  privateSealed: string;
  createdAt: Date;
  retiredAt: Date | null;
}

/** Signing keys belong to the platform, not to a practice: a system repository, no tenant scope. */
export function signingKeySystemRepository(tx: Tx) {
  return {
    /** Serialises key changes across replicas (transaction-scoped advisory lock). */
    lockKeyChanges: () => tx.$executeRawUnsafe('SELECT 1 FROM pg_advisory_xact_lock(hashtext($1))', 'plh-signing-key'),
    active: (): Promise<SigningKeyRow | null> =>
      tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } }),
    /** Active keys and keys retired after `retiredSince` (their tokens may still be alive). */
    published: (retiredSince: Date): Promise<SigningKeyRow[]> =>
      tx.signingKey.findMany({
        where: { OR: [{ retiredAt: null }, { retiredAt: { gt: retiredSince } }] },
        orderBy: { createdAt: 'desc' },
      }),
    insert: (row: Omit<SigningKeyRow, 'createdAt' | 'retiredAt'>) =>
      tx.signingKey.create({ data: { ...row, publicJwk: row.publicJwk ?? {} } }),
    retireActive: (at: Date) => tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: at } }),
  };
}
