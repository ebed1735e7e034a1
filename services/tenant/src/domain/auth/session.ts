import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isRole } from '@plh/service-kit';
import type { AuthUser, identitySystemRepository } from '../../data/identity.system-repository';
import type { TenantDeps } from '../deps';

/** Who a session or a token belongs to, so a client need not decode the token. */
export interface Identity {
  id: string;
  kind: 'user' | 'api_key';
  email: string | null;
  role: string | null;
  scopes: string[];
  practice: { id: string; name: string } | null;
}

export interface Session {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: Identity;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Active user of an active practice (the ops team has none). */
export const canSignIn = (user: AuthUser) =>
  user.status === 'active' && (user.tenantId === null || user.tenantStatus === 'active');

/** A refresh token of `familyId` (a new family for a new sign-in), stored as its SHA-256. */
export async function newRefreshToken(
  deps: Pick<TenantDeps, 'refreshTokenTtlSec'>,
  identity: ReturnType<typeof identitySystemRepository>,
  userId: string,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = `plh_rt_${randomBytes(32).toString('base64url')}`;
  await identity.createRefreshToken({
    id: randomUUID(),
    familyId,
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + deps.refreshTokenTtlSec * 1000),
  });
  return token;
}

/** The access token that goes with a refresh token. */
export async function issueSession(
  deps: Pick<TenantDeps, 'tokens' | 'unitOfWork'>,
  user: AuthUser,
  refreshToken: string,
): Promise<Session> {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
  const { token, expiresIn } = await deps.tokens.issue({ userId: user.id, tenantId: user.tenantId, role: user.role });
  const practice = user.tenantId
    ? await deps.unitOfWork.system(({ identity }) => identity.practiceName(user.tenantId!))
    : null;
  return {
    tokenType: 'Bearer',
    accessToken: token,
    expiresIn,
    refreshToken,
    user: { id: user.id, kind: 'user', email: user.email, role: user.role, scopes: [], practice },
  };
}

/** The actor of an audit record about a user who just proved who they are. */
export const actorOf = (user: AuthUser) => ({ kind: 'user' as const, id: user.id, role: user.role });
