import { randomUUID } from 'node:crypto';
import type { Role } from '@plh/service-kit';
import { normalizeEmail } from '../auth/email';
import { checkPasswordPolicy, hashPassword } from '../auth/password';
import type { TenantDeps } from '../deps';
import { EmailTaken } from '../problems';

export interface NewUserInput {
  /** Null for the ops team. */
  tenantId: string | null;
  email: string;
  password: string;
  role: Role;
}

/** Creates an active user with a policy-checked argon2id password (seeds, tests, ops scripts). */
export async function createUser(deps: Pick<TenantDeps, 'unitOfWork'>, input: NewUserInput): Promise<{ id: string }> {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  const user = { id: randomUUID(), email, passwordHash: await hashPassword(input.password), role: input.role };
  const entry = {
    action: 'user.create',
    resource: { type: 'user', id: user.id },
    changes: [{ field: 'role', to: input.role }],
  };
  if (input.tenantId === null) {
    return deps.unitOfWork.system(async ({ identity, audit }) => {
      if (await identity.userByEmail(email)) throw EmailTaken();
      await identity.createOpsUser(user);
      await audit.record({ ...entry, tenantId: null });
      return { id: user.id };
    });
  }
  return deps.unitOfWork.run(input.tenantId, async ({ users, audit }) => {
    if (await users.emailInUse(email)) throw EmailTaken();
    await users.create(user);
    await audit.record(entry);
    return { id: user.id };
  });
}
