import { createEvent, UserActivated } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { InvalidInvite } from '../problems';
import { checkPasswordPolicy, hashPassword } from './password';
import { actorOf, hashToken, issueSession, newRefreshToken, type Session } from './session';

/** Accepts an invitation: sets the password (policy-checked), activates the user, signs them in. */
export async function acceptInvite(deps: TenantDeps, input: { token: string; password: string }): Promise<Session> {
  const { user, refreshToken } = await deps.unitOfWork.system(async ({ identity, outbox, audit }) => {
    const invite = await identity.inviteByTokenHash(hashToken(input.token));
    const invited = invite && (await identity.userById(invite.userId));
    if (!invite || !invited || invite.acceptedAt || invite.expiresAt <= new Date() || invited.status !== 'invited')
      throw new InvalidInvite();
    checkPasswordPolicy(input.password, invited.email);
    if (!(await identity.markInviteAccepted(invite.id, new Date()))) throw new InvalidInvite();
    await identity.enterScopeOf(invited.tenantId);
    await identity.activateUser(invited.id, await hashPassword(input.password));
    const user = { ...invited, status: 'active' };
    await outbox.enqueue(
      createEvent(UserActivated, { source: 'tenant', tenantId: user.tenantId, data: { userId: user.id } }),
    );
    await audit.record({
      tenantId: user.tenantId,
      action: 'user.activate',
      resource: { type: 'user', id: user.id },
      actor: actorOf(user),
      changes: [{ field: 'status', from: 'invited', to: 'active' }],
    });
    return { user, refreshToken: await newRefreshToken(deps, identity, user.id) };
  });
  return issueSession(deps, user, refreshToken);
}
