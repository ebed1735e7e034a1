/**
 * Seeds the demo practice for `npm start`: a tenant with an owner, an approver and a viewer, and an
 * ops admin and an ops agent, so every role can be tried. Idempotent (existing users are left alone).
 * Reads DATABASE_URL (the tenant runtime role) and the passwords from the environment; prints nothing
 * secret.
 */
import { prismaAdapter } from '@plh/db';
import { PrismaClient } from '../generated/prisma';
import { createUser, findUserByEmail, provisionTenant } from './seeding';

export const DEMO_USERS = {
  owner: 'owner@demo-practice.test',
  approver: 'approver@demo-practice.test',
  viewer: 'viewer@demo-practice.test',
  opsAdmin: 'ops-admin@patientletterhub.test',
  opsAgent: 'ops-agent@patientletterhub.test',
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
    const staff = [
      { email: DEMO_USERS.approver, password: 'DEMO_APPROVER_PASSWORD', role: 'approver', tenantId },
      { email: DEMO_USERS.viewer, password: 'DEMO_VIEWER_PASSWORD', role: 'viewer', tenantId },
      { email: DEMO_USERS.opsAdmin, password: 'DEMO_OPS_PASSWORD', role: 'ops_admin', tenantId: null },
      { email: DEMO_USERS.opsAgent, password: 'DEMO_OPS_AGENT_PASSWORD', role: 'ops_agent', tenantId: null },
    ] as const;
    for (const user of staff)
      if (!(await exists(user.email)))
        await createUser(db, {
          tenantId: user.tenantId,
          email: user.email,
          password: env(user.password),
          role: user.role,
        });
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`seed-demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
