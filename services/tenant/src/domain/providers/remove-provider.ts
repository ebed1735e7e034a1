import { createEvent, ProviderRemoved } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { ProviderNotFound } from '../problems';

export async function removeProvider(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantId: string,
  providerId: string,
): Promise<void> {
  await deps.unitOfWork.run(tenantId, async ({ providers, outbox, audit }) => {
    if (!(await providers.remove(providerId))) throw ProviderNotFound();
    await outbox.enqueue(createEvent(ProviderRemoved, { source: 'tenant', tenantId, data: { providerId } }));
    await audit.record({ action: 'provider.remove', resource: { type: 'provider', id: providerId } });
  });
}
