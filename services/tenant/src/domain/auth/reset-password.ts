import { randomBytes, randomUUID } from 'node:crypto';
import { createEvent, PasswordResetRequested } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { InvalidResetToken } from '../problems';
import { normalizeEmail } from './email';
import { accountKey, THROTTLE, waitRequired } from './login-throttle';
import { checkPasswordPolicy, hashPassword } from './password';
import { actorOf, canSignIn, hashToken } from './session';

/** How long a reset link works. */
export const RESET_TTL_MS = 30 * 60_000;
/** Reset emails per address before they are held back (growing delays, as failed logins). */
const resetKey = (email: string) => `reset:${email}`;

/**
 * "Forgot password": for an active user, a single-use token (30 minutes; only its hash stored) goes
 * out as `plh.tenant.user.password-reset-requested` for the notification service to email. The answer
 * is the same whether the address exists or not, and requests per address are throttled (a quiet
 * no-op past the limit, so nobody can flood a mailbox). Audited for a known user.
 */
export async function requestPasswordReset(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { email: string },
): Promise<void> {
  const email = normalizeEmail(input.email);
  const now = new Date();
  await deps.unitOfWork.system(async ({ identity, outbox, audit }) => {
    const [state] = await identity.throttles([resetKey(email)]);
    if (waitRequired(state, now) > 0) return;
    await identity.recordFailure(resetKey(email), now, {
      lockAfter: THROTTLE.accountLockAfter,
      lockForMs: THROTTLE.lockForMs,
      halfLifeMs: THROTTLE.halfLifeMs,
    });
    const user = await identity.userByEmail(email);
    if (!user || !canSignIn(user)) return;
    const token = `plh_pwr_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await identity.createPasswordReset(
      { id: randomUUID(), userId: user.id, tokenHash: hashToken(token), expiresAt },
      now,
    );
    await outbox.enqueue(
      createEvent(PasswordResetRequested, {
        source: 'tenant',
        tenantId: user.tenantId,
        data: { userId: user.id, resetToken: token, expiresAt: expiresAt.toISOString() },
      }),
    );
    await audit.record({
      tenantId: user.tenantId,
      action: 'user.password.reset-request',
      resource: { type: 'user', id: user.id },
    });
  });
}

/**
 * A reset link used: the new (policy-checked) password, the token spent, every session of the user
 * ended and the account's failed-login count cleared. Audited.
 */
export async function confirmPasswordReset(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { token: string; newPassword: string },
): Promise<void> {
  const now = new Date();
  const found = await deps.unitOfWork.system(async ({ identity }) => {
    const reset = await identity.passwordResetByTokenHash(hashToken(input.token));
    const user = reset && (await identity.userById(reset.userId));
    if (!reset || !user || reset.usedAt || reset.expiresAt <= now || !canSignIn(user)) throw new InvalidResetToken();
    return { reset, user };
  });
  checkPasswordPolicy(input.newPassword, found.user.email);
  const hash = await hashPassword(input.newPassword);
  await deps.unitOfWork.system(async ({ identity, audit }) => {
    if (!(await identity.markPasswordResetUsed(found.reset.id, now))) throw new InvalidResetToken();
    await identity.enterScopeOf(found.user.tenantId);
    await identity.setPassword(found.user.id, hash, null, now);
    await identity.clearThrottle(accountKey(found.user.email));
    await audit.record({
      tenantId: found.user.tenantId,
      action: 'user.password.reset',
      resource: { type: 'user', id: found.user.id },
      actor: actorOf(found.user),
    });
  });
}
