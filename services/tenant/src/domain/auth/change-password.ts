import type { TenantDeps } from '../deps';
import { InvalidCredentials, TooManyAttempts } from '../problems';
import { accountKey, THROTTLE, waitRequired } from './login-throttle';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password';
import { actorOf } from './session';

/**
 * A signed-in user changes their own password: the current one first (throttled like a login, on the
 * account's key), then the policy; every session of the user ends (a thief's included; the user signs
 * in again with the new password).
 * Audited (`user.password.change`, a failure too); neither password is ever logged.
 */
export async function changePassword(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { userId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const now = new Date();
  const { user, wait } = await deps.unitOfWork.system(async ({ identity }) => {
    const user = await identity.userById(input.userId);
    const states = user ? await identity.throttles([accountKey(user.email)]) : [];
    return { user, wait: Math.max(0, ...states.map((s) => waitRequired(s, now))) };
  });
  if (!user || user.status !== 'active') throw new InvalidCredentials();
  if (wait > 0) throw new TooManyAttempts(wait);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await deps.unitOfWork.system(async ({ identity, audit }) => {
      await identity.recordFailure(accountKey(user.email), now, {
        lockAfter: THROTTLE.accountLockAfter,
        lockForMs: THROTTLE.lockForMs,
        halfLifeMs: THROTTLE.halfLifeMs,
      });
      await audit.record({
        tenantId: user.tenantId,
        action: 'user.password.change',
        resource: { type: 'user', id: user.id },
        actor: actorOf(user),
        outcome: 'failure',
        reason: 'WRONG_PASSWORD',
      });
    });
    throw new InvalidCredentials();
  }
  checkPasswordPolicy(input.newPassword, user.email);
  const hash = await hashPassword(input.newPassword);
  await deps.unitOfWork.system(async ({ identity, audit }) => {
    await identity.enterScopeOf(user.tenantId);
    await identity.setPassword(user.id, hash, null, now);
    await audit.record({
      tenantId: user.tenantId,
      action: 'user.password.change',
      resource: { type: 'user', id: user.id },
      actor: actorOf(user),
    });
  });
}
