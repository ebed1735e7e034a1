import { createEvent, TenantReactivated, TenantSuspended } from '@plh/contracts';
import { enqueueEvent } from '@plh/event-bus';
import { NotFound } from '@plh/service-kit';
import type { InviteDeps } from './invites';

/**
 * Suspends a practice: sign-in, refresh and API keys stop working at once (they check the tenant's
 * status), every refresh-token family of its users is revoked, and access tokens already issued
 * run out within their 15 minutes.
 */
export async function suspendTenant(deps: InviteDeps, input: { tenantId: string; actorId: string }): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.tenant.updateMany({
      where: { id: input.tenantId, status: 'active' },
      data: { status: 'suspended' },
    });
    if (count === 0) {
      if (!(await tx.tenant.findUnique({ where: { id: input.tenantId } }))) throw new NotFound('No such practice.');
      return; // already suspended
    }
    await tx.refreshToken.updateMany({
      where: { revokedAt: null, user: { tenantId: input.tenantId } },
      data: { revokedAt: new Date() },
    });
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(TenantSuspended, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { tenantId: input.tenantId, suspendedBy: input.actorId },
      }),
    );
  });
}

export async function reactivateTenant(deps: InviteDeps, input: { tenantId: string; actorId: string }): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.tenant.updateMany({
      where: { id: input.tenantId, status: 'suspended' },
      data: { status: 'active' },
    });
    if (count === 0) {
      if (!(await tx.tenant.findUnique({ where: { id: input.tenantId } }))) throw new NotFound('No such practice.');
      return;
    }
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(TenantReactivated, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { tenantId: input.tenantId, reactivatedBy: input.actorId },
      }),
    );
  });
}
