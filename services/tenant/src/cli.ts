#!/usr/bin/env node
/**
 * Operations on the tenant service's keys that run as a one-off job (k8s Job, compose run, or by hand):
 *   rotate-signing-key   makes a new access-token signing key, sealed under the first KEY_ENCRYPTION_KEY,
 *                        and retires the active one (published until its tokens expire: nobody is
 *                        logged out). Running replicas pick the new key up within 30 s.
 * Needs DATABASE_URL (the tenant runtime role), KEY_ENCRYPTION_KEY and, if it is not the default,
 * ACCESS_TOKEN_TTL_SEC. Prints the new key's id.
 */
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { prismaAdapter } from '@plh/db';
import { PrismaClient } from '../generated/prisma';
import { tenantUnitOfWork } from './data/unit-of-work';
import { parseKeyEncryptionKeys } from './domain/signing/sealed-secret';
import { rotateSigningKey } from './domain/signing/signing-keys';

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command !== 'rotate-signing-key') {
    console.error('usage: plh-tenant rotate-signing-key   (env: DATABASE_URL, KEY_ENCRYPTION_KEY)');
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  const keks = process.env.KEY_ENCRYPTION_KEY;
  if (!url || !keks) {
    console.error('plh-tenant: DATABASE_URL and KEY_ENCRYPTION_KEY are required');
    process.exit(2);
  }
  const db = new PrismaClient({ adapter: prismaAdapter(url, 'tenant', { max: 2 }) });
  try {
    const { kid, retiredAt } = await rotateSigningKey({
      unitOfWork: tenantUnitOfWork(db, new EventRegistry(ALL_EVENTS)),
      keks: parseKeyEncryptionKeys(keks),
      issuer: '',
      audience: '',
      accessTokenTtlSec: Number(process.env.ACCESS_TOKEN_TTL_SEC ?? 900),
    });
    process.stdout.write(`${JSON.stringify({ activeKid: kid, retiredAt: retiredAt.toISOString() })}\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error('plh-tenant:', err instanceof Error ? err.message : err);
  process.exit(1);
});
