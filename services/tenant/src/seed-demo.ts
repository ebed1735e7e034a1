/**
 * Seeds the demo practice for `npm start`: a tenant with an owner, an approver and a viewer, an ops
 * admin and an ops agent, so every role can be tried, and a provider roster for the compliance page
 * (one of them listed in the bundled sample of the OIG exclusion list). Idempotent (existing users and
 * providers are left alone).
 * Reads DATABASE_URL (the tenant runtime role) and the passwords from the environment; prints nothing
 * secret.
 */
import { randomUUID } from 'node:crypto';
import { prismaAdapter, TENANT_SETTING } from '@plh/db';
import { PrismaClient } from '../generated/prisma';
import { createUser, findUserByEmail, provisionTenant } from './seeding';

/**
 * The demo roster. Dr. Rivera's NPI is on the sample LEIE (services/compliance/samples): screening
 * calls her `excluded`. Bill Hartley has the name (William) and date of birth of a listed person
 * without an NPI: a `possible_match` a person decides. Dr. Chen is clear.
 */
const DEMO_PROVIDERS = [
  { npi: '1245319599', firstName: 'Elena', lastName: 'Rivera', dateOfBirth: '1971-06-14', licenseNumber: 'MD-48213' },
  { npi: '1003000126', firstName: 'Bill', lastName: 'Hartley', dateOfBirth: '1962-11-02', licenseNumber: 'PA-11807' },
  { npi: '1657483925', firstName: 'Wei', lastName: 'Chen', dateOfBirth: '1980-03-09', licenseNumber: 'MD-77120' },
];

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
    // The roster is under row-level security: written inside a transaction of the demo practice.
    await db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT set_config('${TENANT_SETTING}', $1, true)`, tenantId);
      for (const p of DEMO_PROVIDERS)
        if (!(await tx.provider.findFirst({ where: { tenantId: tenantId!, npi: p.npi } })))
          await tx.provider.create({
            data: {
              id: randomUUID(),
              tenantId: tenantId!,
              ...p,
              dateOfBirth: new Date(`${p.dateOfBirth}T00:00:00Z`),
              licenseState: 'MA',
              specialty: null,
            },
          });
    });
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`seed-demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
