import { randomUUID } from 'node:crypto';
import { createEvent, ProviderAdded } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { ProviderExists } from '../problems';
import { changedFields, providerFields, toProviderView, type ProviderInput, type ProviderView } from './provider';

export async function addProvider(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantId: string,
  input: ProviderInput,
): Promise<ProviderView> {
  const fields = providerFields(input);
  return deps.unitOfWork.run(tenantId, async ({ providers, outbox, audit }) => {
    if (await providers.findByNpi(fields.npi)) throw ProviderExists();
    const row = await providers.create(randomUUID(), fields);
    await outbox.enqueue(createEvent(ProviderAdded, { source: 'tenant', tenantId, data: { providerId: row.id } }));
    await audit.record({
      action: 'provider.add',
      resource: { type: 'provider', id: row.id },
      changes: changedFields(null, fields),
    });
    return toProviderView(row);
  });
}
