import { createEvent, UserChanged, type EventRegistry } from '@plh/contracts';
import { enqueueEvent } from '@plh/event-bus';
import { Conflict, Forbidden, NotFound, type Role } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';

export interface UserDeps {
  db: PrismaClient;
  registry: EventRegistry;
}

export interface UserView {
  id: string;
  email: string;
  role: string;
  status: string;
  createdAt: string;
}

const CUSTOMER_ROLES: readonly Role[] = ['owner', 'approver', 'viewer'];

export async function listUsers(db: PrismaClient, tenantId: string): Promise<UserView[]> {
  const users = await db.user.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    role: u.role,
    status: u.status,
    createdAt: u.createdAt.toISOString(),
  }));
}

/**
 * Changes a practice user's role and/or suspends or reactivates them. Suspension revokes every
 * refresh-token family of the user at once. A practice always keeps one active owner.
 */
export async function changeUser(
  deps: UserDeps,
  input: { tenantId: string; userId: string; actorId: string; role?: Role; status?: 'active' | 'suspended' },
): Promise<UserView> {
  if (input.role && !CUSTOMER_ROLES.includes(input.role))
    throw new Forbidden('Practice users can only hold practice roles.');
  return deps.db.$transaction(async (tx) => {
    // Owners of the practice, locked so two concurrent demotions cannot both pass the check below.
    await tx.$executeRawUnsafe(
      `SELECT 1 FROM app_user WHERE tenant_id = $1::uuid AND role = 'owner' FOR UPDATE`,
      input.tenantId,
    );
    const user = await tx.user.findFirst({ where: { id: input.userId, tenantId: input.tenantId } });
    if (!user) throw new NotFound('No such user in this practice.');
    if (user.status === 'invited' && input.status)
      throw new Conflict('USER_NOT_ACTIVE', 'An invited user has not accepted yet.');
    const losesOwner =
      user.role === 'owner' && ((input.role && input.role !== 'owner') || input.status === 'suspended');
    if (losesOwner) {
      const owners = await tx.user.count({ where: { tenantId: input.tenantId, role: 'owner', status: 'active' } });
      if (owners <= 1) throw new Conflict('LAST_OWNER', 'A practice needs at least one active owner.');
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { ...(input.role ? { role: input.role } : {}), ...(input.status ? { status: input.status } : {}) },
    });
    if (input.status === 'suspended') {
      await tx.refreshToken.updateMany({
        where: { userId: user.id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    await enqueueEvent(
      tx,
      deps.registry,
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
    return {
      id: updated.id,
      email: updated.email,
      role: updated.role,
      status: updated.status,
      createdAt: updated.createdAt.toISOString(),
    };
  });
}
