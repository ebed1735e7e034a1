import { createEvent, ProviderChanged } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { ProviderExists, ProviderNotFound } from '../problems';
import { changedFields, providerFields, toProviderView, type ProviderInput, type ProviderView } from './provider';

/** Replaces a provider's details (the compliance service screens them again). */
export async function updateProvider(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantId: string,
  providerId: string,
  input: ProviderInput,
): Promise<ProviderView> {
  const fields = providerFields(input);
  return deps.unitOfWork.run(tenantId, async ({ providers, outbox, audit }) => {
    const existing = await providers.findById(providerId);
    if (!existing) throw ProviderNotFound();
    if (await providers.findByNpi(fields.npi, providerId)) throw ProviderExists();
    const row = await providers.update(providerId, fields);
    await outbox.enqueue(createEvent(ProviderChanged, { source: 'tenant', tenantId, data: { providerId } }));
    await audit.record({
      action: 'provider.update',
      resource: { type: 'provider', id: providerId },
      changes: changedFields(existing, fields),
    });
    return toProviderView(row);
  });
}
