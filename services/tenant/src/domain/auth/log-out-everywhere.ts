import type { TenantDeps } from '../deps';

/**
 * Ends every session of the signed-in user, on every device (a lost laptop, a shared computer): each
 * refresh token stops working at once; access tokens already issued expire within their 15 minutes.
 * Audited (`auth.logout-everywhere`).
 */
export async function logOutEverywhere(deps: Pick<TenantDeps, 'unitOfWork'>, userId: string): Promise<void> {
  await deps.unitOfWork.system(async ({ identity, audit }) => {
    const user = await identity.userById(userId);
    if (!user) return;
    const ended = await identity.revokeSessionsOf(userId, new Date());
    await audit.record({
      tenantId: user.tenantId,
      action: 'auth.logout-everywhere',
      resource: { type: 'user', id: userId },
      changes: [{ field: 'sessions', to: ended }],
    });
  });
}
