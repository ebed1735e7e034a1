import { randomBytes, randomUUID } from 'node:crypto';
import { createEvent, UserInvited, type Role } from '@plh/contracts';
import type { UnitOfWork } from '../../data/unit-of-work';
import { normalizeEmail } from '../auth/email';
import { hashToken } from '../auth/session';
import type { TenantDeps } from '../deps';
import { INVITE_TTL_MS } from '../practices/provision-practice';
import { EmailTaken, UserNotFound } from '../problems';
import { Conflict } from '@plh/service-kit';

export interface Invitation {
  userId: string;
  email: string;
  role: string;
  /** One-time: for the inviter to pass on if no email arrives; only its hash is stored. */
  inviteToken: string;
  inviteExpiresAt: Date;
}

/**
 * The owner invites a colleague: an `invited` user (no password) and a one-time invitation, and
 * `plh.tenant.user.invited` with what the invitation email needs (the notification service sends it).
 * Audited; the token is never logged.
 */
export function inviteUser(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; actorId: string; email: string; role: Role },
): Promise<Invitation> {
  const email = normalizeEmail(input.email);
  return deps.unitOfWork.run(input.tenantId, async (uow) => {
    if (await uow.users.emailInUse(email)) throw EmailTaken();
    const user = await uow.users.create({
      id: randomUUID(),
      email,
      passwordHash: null,
      role: input.role,
      status: 'invited',
    });
    await uow.audit.record({
      action: 'user.invite',
      resource: { type: 'user', id: user.id },
      changes: [{ field: 'role', to: input.role }],
    });
    return sendInvitation(uow, { userId: user.id, email, role: input.role, actorId: input.actorId });
  });
}

/** Sends the invitation again (a new link; the old one stops working), for a user who has not accepted. */
export function resendInvitation(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; actorId: string; userId: string },
): Promise<Invitation> {
  return deps.unitOfWork.run(input.tenantId, async (uow) => {
    const user = await uow.users.findById(input.userId);
    if (!user) throw UserNotFound();
    if (user.status !== 'invited') throw AlreadyAccepted();
    await uow.users.expireInvites(user.id, new Date());
    await uow.audit.record({ action: 'user.invite.resend', resource: { type: 'user', id: user.id } });
    return sendInvitation(uow, { userId: user.id, email: user.email, role: user.role, actorId: input.actorId });
  });
}

/** Takes an invitation back: the invited account (never used) and its links are gone. */
export function revokeInvitation(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; userId: string },
): Promise<void> {
  return deps.unitOfWork.run(input.tenantId, async (uow) => {
    const user = await uow.users.findById(input.userId);
    if (!user) throw UserNotFound();
    if (user.status !== 'invited') throw AlreadyAccepted();
    await uow.users.deleteInvited(user.id);
    await uow.audit.record({
      action: 'user.invite.revoke',
      resource: { type: 'user', id: user.id },
      changes: [{ field: 'status', from: 'invited', to: null }],
    });
  });
}

const AlreadyAccepted = () =>
  new Conflict(
    'INVITATION_ACCEPTED',
    'The user has accepted the invitation already; change or suspend the user instead.',
  );

async function sendInvitation(
  uow: UnitOfWork,
  input: { userId: string; email: string; role: string; actorId: string },
): Promise<Invitation> {
  const inviteToken = `plh_inv_${randomBytes(32).toString('base64url')}`;
  const inviteExpiresAt = new Date(Date.now() + INVITE_TTL_MS);
  const invite = await uow.users.createInvite({
    id: randomUUID(),
    userId: input.userId,
    tokenHash: hashToken(inviteToken),
    expiresAt: inviteExpiresAt,
    createdBy: input.actorId,
  });
  await uow.outbox.enqueue(
    createEvent(UserInvited, {
      source: 'tenant',
      tenantId: uow.tenantId,
      data: {
        userId: input.userId,
        inviteId: invite.id,
        role: input.role,
        acceptToken: inviteToken,
        expiresAt: inviteExpiresAt.toISOString(),
      },
    }),
  );
  return { userId: input.userId, email: input.email, role: input.role, inviteToken, inviteExpiresAt };
}
