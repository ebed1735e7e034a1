import type { TenantDeps } from '../deps';
import { InvalidCredentials, TooManyAttempts } from '../problems';
import { normalizeEmail } from './email';
import { accountKey, ipKey, THROTTLE, waitRequired } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';
import { actorOf, canSignIn, issueSession, newRefreshToken, type Session } from './session';

/**
 * Password login with throttling. Every failure looks the same to the caller (see problems.ts) and
 * leaves an audit record (`auth.login`, outcome failure, with the reason) for the practice the
 * email belongs to, if any.
 */
export async function logIn(
  deps: TenantDeps,
  input: { email: string; password: string; ip: string },
): Promise<Session> {
  const email = normalizeEmail(input.email);
  const keys = [accountKey(email), ipKey(input.ip)] as const;
  const now = new Date();
  const { user, wait } = await deps.unitOfWork.system(async ({ identity }) => {
    const states = await identity.throttles([...keys]);
    // A client that signed in to this account before is held back by the account's failures only.
    const known = await identity.isKnownClient(email, input.ip, new Date(now.getTime() - THROTTLE.knownClientForMs));
    const counted = known ? states.filter((s) => s.key === keys[0]) : states;
    return {
      user: await identity.userByEmail(email),
      wait: Math.max(0, ...counted.map((s) => waitRequired(s, now))),
    };
  });
  const resource = { type: 'user', id: user?.id ?? null };
  if (wait > 0) {
    await deps.unitOfWork.system(({ audit }) =>
      audit.record({
        tenantId: user?.tenantId ?? null,
        action: 'auth.login',
        resource,
        outcome: 'denied',
        reason: 'THROTTLED',
      }),
    );
    throw new TooManyAttempts(wait);
  }
  // Unknown users still cost one argon2 verification, so timing does not reveal who exists.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !canSignIn(user)) {
    await deps.unitOfWork.system(async ({ identity, audit }) => {
      const limits = { lockForMs: THROTTLE.lockForMs, halfLifeMs: THROTTLE.halfLifeMs };
      await identity.recordFailure(keys[0], now, { ...limits, lockAfter: THROTTLE.accountLockAfter });
      await identity.recordFailure(keys[1], now, { ...limits, lockAfter: THROTTLE.ipLockAfter });
      await audit.record({
        tenantId: user?.tenantId ?? null,
        action: 'auth.login',
        resource,
        outcome: 'failure',
        reason: !user ? 'UNKNOWN_EMAIL' : !ok ? 'WRONG_PASSWORD' : 'ACCOUNT_INACTIVE',
      });
    });
    throw new InvalidCredentials();
  }
  const refreshToken = await deps.unitOfWork.system(async ({ identity, audit }) => {
    await identity.clearThrottle(keys[0]);
    await identity.rememberClient(email, input.ip, now);
    const token = await newRefreshToken(deps, identity, user.id);
    await audit.record({ tenantId: user.tenantId, action: 'auth.login', resource, actor: actorOf(user) });
    return token;
  });
  return issueSession(deps, user, refreshToken);
}
