import { createEvent, TenantReactivated } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { PracticeNotFound } from '../problems';

/** Lets a suspended practice sign in again (its users sign in anew: their sessions were revoked). */
export async function reactivatePractice(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; actorId: string },
): Promise<void> {
  await deps.unitOfWork.run(input.tenantId, async ({ practice, outbox, audit }) => {
    if (!(await practice.changeStatus('suspended', 'active'))) {
      if (!(await practice.get())) throw PracticeNotFound();
      return;
    }
    await outbox.enqueue(
      createEvent(TenantReactivated, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { tenantId: input.tenantId, reactivatedBy: input.actorId },
      }),
    );
    await audit.record({
      action: 'practice.reactivate',
      resource: { type: 'practice', id: input.tenantId },
      changes: [{ field: 'status', from: 'suspended', to: 'active' }],
    });
  });
}
