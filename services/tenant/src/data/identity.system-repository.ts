import { TENANT_SETTING } from '@plh/db';
import type { Tx } from './db';

/** A user as the auth flows see it, with their practice's status (null for the ops team). */
export interface AuthUser {
  id: string;
  tenantId: string | null;
  email: string;
  passwordHash: string | null;
  role: string;
  status: string;
  tenantStatus: string | null;
}

interface AuthUserRow {
  id: string;
  tenant_id: string | null;
  email: string;
  password_hash: string | null;
  role: string;
  status: string;
  tenant_status: string | null;
}

const AUTH_USER_COLUMNS = 'id::text, tenant_id::text, email, password_hash, role, status, tenant_status';
const toAuthUser = (row: AuthUserRow | undefined): AuthUser | null =>
  row
    ? {
        id: row.id,
        tenantId: row.tenant_id,
        email: row.email,
        passwordHash: row.password_hash,
        role: row.role,
        status: row.status,
        tenantStatus: row.tenant_status,
      }
    : null;

/** Platform-scoped work may see the ops team's users (the `platform_staff` policy of app_user). */
const PLATFORM_SCOPE = `SELECT set_config('app.scope', 'platform', true)`;

export interface ApiKeyLookupRow {
  id: string;
  tenant_id: string;
  secret_hash: string;
  scopes: string[] | null;
  rate_limit_per_min: number;
  expires_at: Date | null;
  revoked_at: Date | null;
  tenant_status: string;
}

/**
 * What the auth flows read and write before they know a practice (a login knows only an email, a
 * refresh only a token): users through the SECURITY DEFINER lookups, refresh tokens, login throttles,
 * invitations, API-key verification. A system repository: never handed to a practice's request code.
 */
export function identitySystemRepository(tx: Tx) {
  const authUser = async (fn: string, arg: string) =>
    toAuthUser((await tx.$queryRawUnsafe<AuthUserRow[]>(`SELECT ${AUTH_USER_COLUMNS} FROM ${fn}($1)`, arg))[0]);
  return {
    userByEmail: (email: string) => authUser('auth_user_by_email', email),
    userById: (id: string) => authUser('auth_user_by_id', id),

    /** The ops team (no practice): whom a platform-wide alert goes to. */
    opsUsers: async () => {
      await tx.$queryRawUnsafe(PLATFORM_SCOPE);
      return tx.user.findMany({ where: { tenantId: null }, orderBy: { createdAt: 'asc' } });
    },
    /** An ops-team user (no practice): only platform-scoped work may write one. */
    createOpsUser: async (user: { id: string; email: string; passwordHash: string; role: string }) => {
      await tx.$queryRawUnsafe(PLATFORM_SCOPE);
      return tx.user.create({ data: { ...user, tenantId: null } });
    },
    /**
     * Makes the rest of this transaction act for the user's practice (once the flow has learnt it),
     * or for the platform when the user is on the ops team.
     */
    enterScopeOf: (tenantId: string | null) =>
      tenantId
        ? tx.$queryRawUnsafe(`SELECT set_config('${TENANT_SETTING}', $1, true)`, tenantId)
        : tx.$queryRawUnsafe(PLATFORM_SCOPE),

    createRefreshToken: (data: { id: string; familyId: string; userId: string; tokenHash: string; expiresAt: Date }) =>
      tx.refreshToken.create({ data }),
    /** Locks the row: two concurrent refreshes with one token cannot both succeed. */
    lockRefreshToken: async (tokenHash: string) => {
      const rows = await tx.$queryRawUnsafe<
        {
          id: string;
          family_id: string;
          user_id: string;
          expires_at: Date;
          used_at: Date | null;
          revoked_at: Date | null;
        }[]
      >(
        `SELECT id::text, family_id::text, user_id::text, expires_at, used_at, revoked_at
           FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        tokenHash,
      );
      return rows[0] ?? null;
    },
    markRefreshTokenUsed: (id: string, at: Date) => tx.refreshToken.update({ where: { id }, data: { usedAt: at } }),
    revokeFamily: (familyId: string, at: Date) =>
      tx.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: at } }),

    throttles: (keys: string[]) => tx.loginThrottle.findMany({ where: { key: { in: keys } } }),
    /**
     * One more failure: the score decays from the last failure to `at` (halving every `halfLifeMs`)
     * and gains 1; reaching `lockAfter` locks the key for `lockForMs`.
     */
    recordFailure: (key: string, at: Date, limits: { lockAfter: number; lockForMs: number; halfLifeMs: number }) =>
      tx.$executeRawUnsafe(
        `INSERT INTO login_throttle (key, failures, score, last_failure_at) VALUES ($1, 1, 1, $2::timestamptz)
         ON CONFLICT (key) DO UPDATE SET
           failures = login_throttle.failures + 1,
           score = login_throttle.score
                   * power(0.5, GREATEST(0, extract(epoch FROM ($2::timestamptz - login_throttle.last_failure_at)) * 1000 / $5::float8)) + 1,
           last_failure_at = $2::timestamptz,
           locked_until = CASE
             WHEN login_throttle.score
                  * power(0.5, GREATEST(0, extract(epoch FROM ($2::timestamptz - login_throttle.last_failure_at)) * 1000 / $5::float8)) + 1 >= $3
             THEN $2::timestamptz + make_interval(secs => $4::float8) ELSE login_throttle.locked_until END`,
        key,
        at,
        limits.lockAfter,
        limits.lockForMs / 1000,
        limits.halfLifeMs,
      ),
    /** Whether this email signed in from this IP since `since`. */
    isKnownClient: async (email: string, ip: string, since: Date) =>
      (await tx.loginKnownClient.count({ where: { email, ip, lastSuccessAt: { gte: since } } })) > 0,
    rememberClient: (email: string, ip: string, at: Date) =>
      tx.loginKnownClient.upsert({
        where: { email_ip: { email, ip } },
        create: { email, ip, lastSuccessAt: at },
        update: { lastSuccessAt: at },
      }),
    clearThrottle: (key: string) => tx.loginThrottle.deleteMany({ where: { key } }),

    inviteByTokenHash: (tokenHash: string) => tx.invite.findUnique({ where: { tokenHash } }),
    /** Conditional: of two concurrent accepts of one invitation, one wins. */
    markInviteAccepted: async (id: string, at: Date) =>
      (await tx.invite.updateMany({ where: { id, acceptedAt: null }, data: { acceptedAt: at } })).count === 1,
    /** Sets the password and activates an invited user; the transaction must have entered their practice. */
    /** A new reset token for the user; the older ones stop working. */
    createPasswordReset: async (
      reset: { id: string; userId: string; tokenHash: string; expiresAt: Date },
      at: Date,
    ) => {
      await tx.passwordReset.updateMany({
        where: { userId: reset.userId, usedAt: null, expiresAt: { gt: at } },
        data: { expiresAt: at },
      });
      return tx.passwordReset.create({ data: reset });
    },
    passwordResetByTokenHash: (tokenHash: string) => tx.passwordReset.findUnique({ where: { tokenHash } }),
    /** Conditional: of two concurrent uses of one token, one wins. */
    markPasswordResetUsed: async (id: string, at: Date) =>
      (await tx.passwordReset.updateMany({ where: { id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } }))
        .count === 1,
    /**
     * A new password; every session of the user but `keepFamily` (the one changing it) ends, with any
     * reset link still pending and every client known to have signed in (they must prove it again).
     */
    setPassword: async (id: string, passwordHash: string, keepFamily: string | null, at: Date) => {
      const user = await tx.user.update({ where: { id }, data: { passwordHash } });
      await tx.passwordReset.updateMany({
        where: { userId: id, usedAt: null, expiresAt: { gt: at } },
        data: { expiresAt: at },
      });
      await tx.loginKnownClient.deleteMany({ where: { email: user.email } });
      await tx.refreshToken.updateMany({
        where: { userId: id, revokedAt: null, ...(keepFamily ? { NOT: { familyId: keepFamily } } : {}) },
        data: { revokedAt: at },
      });
    },
    /** Ends every session of the user (every refresh-token family); answers how many were open. */
    revokeSessionsOf: async (userId: string, at: Date) =>
      (await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } })).count,
    activateUser: (id: string, passwordHash: string) =>
      tx.user.update({ where: { id }, data: { passwordHash, status: 'active' } }),

    apiKeyByKeyId: async (keyId: string) =>
      (
        await tx.$queryRawUnsafe<ApiKeyLookupRow[]>(
          `SELECT id::text, tenant_id::text, secret_hash, scopes, rate_limit_per_min, expires_at, revoked_at, tenant_status
             FROM api_key_lookup($1)`,
          keyId,
        )
      )[0] ?? null,
    touchApiKey: (id: string) => tx.$queryRawUnsafe('SELECT 1 FROM api_key_touch($1::uuid)', id),

    /** A practice's id and name (what a session says it belongs to). */
    practiceName: async (id: string) =>
      (await tx.tenant.findUnique({ where: { id }, select: { id: true, name: true } })) ?? null,
    /** Every practice (the platform's registry), newest first; `search` matches name or NPI. */
    practices: (query: { search?: string; status?: string; limit: number; offset: number }) => {
      const where = {
        ...(query.status ? { status: query.status } : {}),
        ...(query.search
          ? {
              OR: [
                { name: { contains: query.search, mode: 'insensitive' as const } },
                { orgNpi: { startsWith: query.search } },
              ],
            }
          : {}),
      };
      return Promise.all([
        tx.tenant.findMany({ where, orderBy: { createdAt: 'desc' }, take: query.limit, skip: query.offset }),
        tx.tenant.count({ where }),
      ]);
    },
  };
}
