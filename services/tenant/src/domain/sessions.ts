import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma';
import { isRole } from '@plh/service-kit';
import { identitySystemRepository } from '../data/identity.repository';
import { InvalidCredentials, InvalidRefreshToken, TooManyAttempts } from './auth-problems';
import { accountKey, ipKey, THROTTLE, waitRequired } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';
import type { AccessTokenIssuer } from './signing-keys';

export interface SessionDeps {
  db: PrismaClient;
  tokens: AccessTokenIssuer;
  refreshTokenTtlSec: number;
}

export interface Session {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type User = NonNullable<Awaited<ReturnType<ReturnType<typeof identitySystemRepository>['userById']>>>;

/** Active user of an active tenant (ops users have none). */
const canSignIn = (user: User) => user.status === 'active' && (user.tenant === null || user.tenant.status === 'active');

/** Password login with throttling. Every failure looks the same; see auth-problems.ts. */
export async function logIn(
  deps: SessionDeps,
  input: { email: string; password: string; ip: string },
): Promise<Session> {
  const email = normalizeEmail(input.email);
  const repo = identitySystemRepository(deps.db);
  const keys = [accountKey(email), ipKey(input.ip)];
  const now = new Date();
  const states = await repo.throttles(keys);
  const wait = Math.max(0, ...states.map((s) => waitRequired(s, now)));
  if (wait > 0) throw new TooManyAttempts(wait);

  const user = await repo.userByEmail(email);
  // Unknown users still cost one argon2 verification, so timing does not reveal who exists.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !canSignIn(user)) {
    await repo.recordFailure(keys[0]!, now, THROTTLE.accountLockAfter, THROTTLE.lockForMs);
    await repo.recordFailure(keys[1]!, now, THROTTLE.ipLockAfter, THROTTLE.lockForMs);
    throw new InvalidCredentials();
  }
  await repo.clearThrottle(keys[0]!);
  return startSession(deps, user, randomUUID());
}

/**
 * Trades a refresh token for a new pair. Each token works once: the used one is marked and a
 * successor joins its family. Presenting a used (or revoked) token again means it was stolen or
 * replayed, so the whole family is revoked and both holders must sign in again.
 * See: https://datatracker.ietf.org/doc/html/draft-ietf-oauth-security-topics (refresh token rotation)
 */
export async function refreshSession(deps: SessionDeps, refreshToken: string): Promise<Session> {
  const outcome = await deps.db.$transaction(async (tx) => {
    const repo = identitySystemRepository(tx);
    const row = await repo.lockRefreshToken(hashToken(refreshToken));
    if (!row) return { error: true as const };
    const now = new Date();
    if (row.used_at || row.revoked_at) {
      await repo.revokeFamily(row.family_id, now); // reuse detected
      return { error: true as const };
    }
    if (row.expires_at <= now) return { error: true as const };
    const user = await repo.userById(row.user_id);
    if (!user || !canSignIn(user)) {
      await repo.revokeFamily(row.family_id, now);
      return { error: true as const };
    }
    await repo.markRefreshTokenUsed(row.id, now);
    return { error: false as const, user, refresh: await newRefreshToken(deps, tx, user.id, row.family_id) };
  });
  // The family revocation above must commit even though the caller gets an error.
  if (outcome.error) throw new InvalidRefreshToken();
  return issueAccess(deps, outcome.user, outcome.refresh);
}

/** Revokes the refresh token's whole family. Unknown tokens are ignored (logout is idempotent). */
export async function logOut(deps: SessionDeps, refreshToken: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const repo = identitySystemRepository(tx);
    const row = await repo.lockRefreshToken(hashToken(refreshToken));
    if (row) await repo.revokeFamily(row.family_id, new Date());
  });
}

/** A new session (new refresh-token family) for a user who just proved who they are. */
export async function sessionFor(deps: SessionDeps, userId: string): Promise<Session> {
  const user = await identitySystemRepository(deps.db).userById(userId);
  if (!user || !canSignIn(user)) throw new InvalidCredentials();
  return startSession(deps, user, randomUUID());
}

async function startSession(deps: SessionDeps, user: User, familyId: string): Promise<Session> {
  const refresh = await newRefreshToken(deps, deps.db, user.id, familyId);
  return issueAccess(deps, user, refresh);
}

async function newRefreshToken(
  deps: SessionDeps,
  db: Parameters<typeof identitySystemRepository>[0],
  userId: string,
  familyId: string,
): Promise<string> {
  const token = `plh_rt_${randomBytes(32).toString('base64url')}`;
  await identitySystemRepository(db).createRefreshToken({
    id: randomUUID(),
    familyId,
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + deps.refreshTokenTtlSec * 1000),
  });
  return token;
}

async function issueAccess(deps: SessionDeps, user: User, refreshToken: string): Promise<Session> {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
  const { token, expiresIn } = await deps.tokens.issue({ userId: user.id, tenantId: user.tenantId, role: user.role });
  return { tokenType: 'Bearer', accessToken: token, expiresIn, refreshToken };
}
