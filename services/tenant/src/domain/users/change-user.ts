import { createEvent, UserChanged } from '@plh/contracts';
import { Forbidden, type Role } from '@plh/service-kit';
import type { TenantDeps } from '../deps';
import { LastOwner, UserNotActive, UserNotFound } from '../problems';
import { toUserView, type UserView } from './user-view';

const CUSTOMER_ROLES: readonly Role[] = ['owner', 'approver', 'viewer'];

/**
 * Changes a practice user's role and/or suspends or reactivates them. Suspension revokes every
 * refresh-token family of the user at once. A practice always keeps one active owner.
 */
export async function changeUser(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; userId: string; actorId: string; role?: Role; status?: 'active' | 'suspended' },
): Promise<UserView> {
  if (input.role && !CUSTOMER_ROLES.includes(input.role))
    throw new Forbidden('Practice users can only hold practice roles.');
  return deps.unitOfWork.run(input.tenantId, async ({ users, outbox, audit }) => {
    await users.lockOwners();
    const user = await users.findById(input.userId);
    if (!user) throw UserNotFound();
    if (user.status === 'invited' && input.status) throw UserNotActive();
    const losesOwner =
      user.role === 'owner' && ((input.role && input.role !== 'owner') || input.status === 'suspended');
    if (losesOwner && (await users.countActiveOwners()) <= 1) throw LastOwner();
    const updated = await users.update(user.id, {
      ...(input.role ? { role: input.role } : {}),
      ...(input.status ? { status: input.status } : {}),
    });
    if (input.status === 'suspended') await users.revokeSessionsOf(user.id, new Date());
    await outbox.enqueue(
      createEvent(UserChanged, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: {
          userId: user.id,
          changedBy: input.actorId,
          ...(input.role ? { role: input.role } : {}),
          ...(input.status ? { status: input.status } : {}),
        },
      }),
    );
    const changes = [
      ...(input.role && input.role !== user.role ? [{ field: 'role', from: user.role, to: input.role }] : []),
      ...(input.status && input.status !== user.status
        ? [{ field: 'status', from: user.status, to: input.status }]
        : []),
    ];
    await audit.record({ action: 'user.change', resource: { type: 'user', id: user.id }, changes });
    return toUserView(updated);
  });
}
