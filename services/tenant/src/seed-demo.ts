/**
 * Seeds the demo practice for `npm start`: a tenant with an owner and an approver, and an ops admin.
 * Idempotent (existing users are left alone). Reads DATABASE_URL (the tenant runtime role) and the
 * three passwords from the environment; prints nothing secret.
 */
import { prismaAdapter } from '@plh/db';
import { PrismaClient } from '../generated/prisma';
import { createUser, findUserByEmail, provisionTenant } from './seeding';

export const DEMO_USERS = {
  owner: 'owner@demo-practice.test',
  approver: 'approver@demo-practice.test',
  opsAdmin: 'ops-admin@patientletterhub.test',
} as const;

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const db = new PrismaClient({ adapter: prismaAdapter(env('DATABASE_URL'), 'tenant', { max: 2 }) });
  try {
    const exists = (email: string) => findUserByEmail(db, email);
    let tenantId = (await exists(DEMO_USERS.owner))?.tenantId ?? null;
    if (!tenantId) {
      ({ tenantId } = await provisionTenant(db, {
        name: 'Demo Family Practice',
        orgNpi: '1234567893',
        ownerEmail: DEMO_USERS.owner,
        ownerPassword: env('DEMO_OWNER_PASSWORD'),
      }));
    }
    if (!(await exists(DEMO_USERS.approver))) {
      await createUser(db, {
        tenantId,
        email: DEMO_USERS.approver,
        password: env('DEMO_APPROVER_PASSWORD'),
        role: 'approver',
      });
    }
    if (!(await exists(DEMO_USERS.opsAdmin))) {
      await createUser(db, {
        tenantId: null,
        email: DEMO_USERS.opsAdmin,
        password: env('DEMO_OPS_PASSWORD'),
        role: 'ops_admin',
      });
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`seed-demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
