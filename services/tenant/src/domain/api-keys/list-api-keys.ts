import type { TenantDeps } from '../deps';
import { toApiKeyView, type ApiKeyView } from './api-key';

export async function listApiKeys(deps: Pick<TenantDeps, 'unitOfWork'>, tenantId: string): Promise<ApiKeyView[]> {
  const rows = await deps.unitOfWork.run(tenantId, ({ apiKeys }) => apiKeys.list());
  return rows.map(toApiKeyView);
}
