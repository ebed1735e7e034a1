import type { TenantDeps } from '../deps';
import { toProviderView, type ProviderView } from './provider';

export async function listProviders(deps: Pick<TenantDeps, 'unitOfWork'>, tenantId: string): Promise<ProviderView[]> {
  const rows = await deps.unitOfWork.run(tenantId, ({ providers }) => providers.list());
  return rows.map(toProviderView);
}
