import type { TenantDeps } from '../deps';
import { InvalidRefreshToken } from '../problems';
import { actorOf, canSignIn, hashToken, issueSession, newRefreshToken, type Session } from './session';

/**
 * Trades a refresh token for a new pair. Each token works once: the used one is marked and a
 * successor joins its family. Presenting a used (or revoked) token again means it was stolen or
 * replayed, so the whole family is revoked (and audited) and both holders must sign in again.
 * See: https://datatracker.ietf.org/doc/html/draft-ietf-oauth-security-topics (refresh token rotation)
 */
export async function refreshSession(deps: TenantDeps, refreshToken: string): Promise<Session> {
  const outcome = await deps.unitOfWork.system(async ({ identity, audit }) => {
    const row = await identity.lockRefreshToken(hashToken(refreshToken));
    if (!row) return null;
    const now = new Date();
    const user = await identity.userById(row.user_id);
    const revoke = async (reason: string) => {
      await identity.revokeFamily(row.family_id, now);
      await audit.record({
        tenantId: user?.tenantId ?? null,
        action: 'auth.session-revoke',
        resource: { type: 'user', id: row.user_id },
        outcome: 'denied',
        reason,
      });
      return null;
    };
    if (row.used_at || row.revoked_at) return revoke('REFRESH_TOKEN_REUSED');
    if (row.expires_at <= now) return null;
    if (!user || !canSignIn(user)) return revoke('ACCOUNT_INACTIVE');
    await identity.markRefreshTokenUsed(row.id, now);
    const next = await newRefreshToken(deps, identity, user.id, row.family_id);
    await audit.record({
      tenantId: user.tenantId,
      action: 'auth.refresh',
      resource: { type: 'user', id: user.id },
      actor: actorOf(user),
    });
    return { user, refresh: next };
  });
  // The family revocation above must commit even though the caller gets an error.
  if (!outcome) throw new InvalidRefreshToken();
  return issueSession(deps, outcome.user, outcome.refresh);
}
