import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma';
import { Conflict, type Role } from '@plh/service-kit';
import { identitySystemRepository } from '../data/identity.repository';
import { checkPasswordPolicy, hashPassword } from './password';
import { normalizeEmail } from './sessions';

export interface NewUserInput {
  tenantId: string | null;
  email: string;
  password: string;
  role: Role;
}

/** Creates a user with a policy-checked argon2id password. */
export async function createUser(db: PrismaClient, input: NewUserInput): Promise<{ id: string }> {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  const repo = identitySystemRepository(db);
  if (await repo.userByEmail(email)) throw new Conflict('EMAIL_TAKEN', 'A user with this email exists already.');
  return repo.createUser({
    id: randomUUID(),
    tenantId: input.tenantId,
    email,
    passwordHash: await hashPassword(input.password),
    role: input.role,
  });
}

/** Creates a practice and its first owner (ops-side provisioning; the invite flow builds on this). */
export async function provisionTenant(
  db: PrismaClient,
  input: { name: string; orgNpi?: string; timezone?: string; ownerEmail: string; ownerPassword: string },
): Promise<{ tenantId: string; ownerId: string }> {
  const tenant = await identitySystemRepository(db).createTenant({
    id: randomUUID(),
    name: input.name,
    orgNpi: input.orgNpi ?? null,
    ...(input.timezone ? { timezone: input.timezone } : {}),
  });
  const owner = await createUser(db, {
    tenantId: tenant.id,
    email: input.ownerEmail,
    password: input.ownerPassword,
    role: 'owner',
  });
  return { tenantId: tenant.id, ownerId: owner.id };
}
