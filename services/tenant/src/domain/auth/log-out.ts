import type { TenantDeps } from '../deps';
import { hashToken } from './session';

/** Revokes the refresh token's whole family. Unknown tokens are ignored (logout is idempotent). */
export async function logOut(deps: Pick<TenantDeps, 'unitOfWork'>, refreshToken: string): Promise<void> {
  await deps.unitOfWork.system(async ({ identity, audit }) => {
    const row = await identity.lockRefreshToken(hashToken(refreshToken));
    if (!row || row.revoked_at) return;
    await identity.revokeFamily(row.family_id, new Date());
    const user = await identity.userById(row.user_id);
    await audit.record({
      tenantId: user?.tenantId ?? null,
      action: 'auth.logout',
      resource: { type: 'user', id: row.user_id },
      ...(user ? { actor: { kind: 'user' as const, id: user.id, role: user.role } } : {}),
    });
  });
}
