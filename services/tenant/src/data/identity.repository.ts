import type { Prisma, PrismaClient } from '../../generated/prisma';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Users, refresh tokens and login throttles, read across tenants by the auth flows (a login knows
 * only an email): a system repository, never handed to tenant-scoped request code.
 */
export function identitySystemRepository(db: Db) {
  return {
    userByEmail: (email: string) => db.user.findUnique({ where: { email }, include: { tenant: true } }),
    userById: (id: string) => db.user.findUnique({ where: { id }, include: { tenant: true } }),
    createTenant: (data: { id: string; name: string; orgNpi?: string | null; timezone?: string }) =>
      db.tenant.create({ data }),
    createUser: (data: { id: string; tenantId: string | null; email: string; passwordHash: string; role: string }) =>
      db.user.create({ data }),

    createRefreshToken: (data: { id: string; familyId: string; userId: string; tokenHash: string; expiresAt: Date }) =>
      db.refreshToken.create({ data }),
    /** Locks the row: two concurrent refreshes with one token cannot both succeed. */
    lockRefreshToken: async (tokenHash: string) => {
      const rows = await db.$queryRawUnsafe<
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
    markRefreshTokenUsed: (id: string, at: Date) => db.refreshToken.update({ where: { id }, data: { usedAt: at } }),
    revokeFamily: (familyId: string, at: Date) =>
      db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: at } }),

    throttles: (keys: string[]) => db.loginThrottle.findMany({ where: { key: { in: keys } } }),
    recordFailure: (key: string, at: Date, lockAfter: number, lockForMs: number) =>
      db.$executeRawUnsafe(
        `INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, last_failure_at = $2,
           locked_until = CASE WHEN login_throttle.failures + 1 >= $3 THEN $2 + make_interval(secs => $4) ELSE login_throttle.locked_until END`,
        key,
        at,
        lockAfter,
        lockForMs / 1000,
      ),
    clearThrottle: (key: string) => db.loginThrottle.deleteMany({ where: { key } }),
  };
}
