import { createEvent, TenantSuspended } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { PracticeNotFound } from '../problems';

/**
 * Suspends a practice: sign-in, refresh and API keys stop working at once (they check the practice's
 * status), every refresh-token family of its users is revoked, and access tokens already issued
 * run out within their 15 minutes. Suspending a suspended practice changes nothing.
 */
export async function suspendPractice(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; actorId: string },
): Promise<void> {
  await deps.unitOfWork.run(input.tenantId, async ({ practice, users, outbox, audit }) => {
    if (!(await practice.changeStatus('active', 'suspended'))) {
      if (!(await practice.get())) throw PracticeNotFound();
      return;
    }
    await users.revokeAllSessions(new Date());
    await outbox.enqueue(
      createEvent(TenantSuspended, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { tenantId: input.tenantId, suspendedBy: input.actorId },
      }),
    );
    await audit.record({
      action: 'practice.suspend',
      resource: { type: 'practice', id: input.tenantId },
      changes: [{ field: 'status', from: 'active', to: 'suspended' }],
    });
  });
}
