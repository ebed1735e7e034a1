import { ROSTER_READ_SCOPE, type RosterPage, type RosterProviderView } from '@plh/contracts';
import { createServiceClient, type createInternalTokenMinter } from '@plh/service-kit';
import type { Rosters } from '../domain/deps';

/**
 * The tenant service's rosters (GET /internal/providers, /internal/tenants/:id/providers with a service
 * token carrying `roster:read`). When it does not answer, screening fails and its job retries.
 */
export function tenantRostersClient(input: {
  tenantUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
}): Rosters {
  const tenant = createServiceClient({
    baseUrl: input.tenantUrl,
    mint: input.mint,
    caller: 'compliance',
    audience: 'tenant',
    scopes: [ROSTER_READ_SCOPE],
    unavailable: 'The provider rosters could not be read; screening will be retried.',
    timeoutMs: 10_000,
  });
  return {
    async page(cursor, limit) {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
      return (await tenant.get<RosterPage>(`/internal/providers?${query.toString()}`)) ?? { items: [], next: null };
    },
    async ofPractice(tenantId) {
      const answer = await tenant.get<{ items: RosterProviderView[] }>(
        `/internal/tenants/${encodeURIComponent(tenantId)}/providers`,
      );
      return answer?.items ?? [];
    },
    close: () => tenant.close(),
  };
}
