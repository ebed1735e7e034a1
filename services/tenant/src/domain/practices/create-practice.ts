import { randomUUID } from 'node:crypto';
import { createEvent, TenantCreated } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { createUser } from '../users/create-user';

/**
 * A practice with an owner who has a password already: the demo seed and tests. Real practices are
 * provisioned with an invitation (provision-practice.ts).
 */
export async function createPractice(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { name: string; orgNpi?: string; timezone?: string; ownerEmail: string; ownerPassword: string },
): Promise<{ tenantId: string; ownerId: string }> {
  const tenantId = randomUUID();
  await deps.unitOfWork.run(tenantId, async ({ practice, outbox, audit }) => {
    await practice.create({
      name: input.name,
      orgNpi: input.orgNpi ?? null,
      ...(input.timezone ? { timezone: input.timezone } : {}),
    });
    await outbox.enqueue(
      createEvent(TenantCreated, { source: 'tenant', tenantId, data: { tenantId, createdBy: null } }),
    );
    await audit.record({ action: 'practice.provision', resource: { type: 'practice', id: tenantId } });
  });
  const owner = await createUser(deps, {
    tenantId,
    email: input.ownerEmail,
    password: input.ownerPassword,
    role: 'owner',
  });
  return { tenantId, ownerId: owner.id };
}
