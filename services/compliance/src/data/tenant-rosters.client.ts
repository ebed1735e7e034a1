import { ROSTER_READ_SCOPE, type PracticePage, type RosterPage, type RosterProviderView } from '@plh/contracts';
import { createServiceClient, ServiceUnavailable, type createInternalTokenMinter } from '@plh/service-kit';
import type { Rosters } from '../domain/deps';

/**
 * The tenant service's rosters (GET /internal/providers, /internal/tenants/:id/providers with a service
 * token carrying `roster:read`). When it does not answer, screening fails and its job retries.
 */
const UNAVAILABLE = 'The provider rosters could not be read; screening will be retried.';

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
    unavailable: UNAVAILABLE,
    timeoutMs: 10_000,
  });
  return {
    // A 404 is not an empty roster (a tenant service that does not know the route yet, mid-deploy):
    // taking it for one would clear every screening. It fails the screening, which is retried.
    async page(cursor, limit) {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
      const answer = await tenant.get<RosterPage>(`/internal/providers?${query.toString()}`);
      if (!answer) throw new ServiceUnavailable(UNAVAILABLE);
      return answer;
    },
    async practices(cursor, limit) {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
      const answer = await tenant.get<PracticePage>(`/internal/practices?${query.toString()}`);
      if (!answer) throw new ServiceUnavailable(UNAVAILABLE);
      return answer;
    },
    async ofPractices(tenantIds) {
      const query = new URLSearchParams(tenantIds.map((id): [string, string] => ['tenantId', id]));
      const answer = await tenant.get<{ items: RosterProviderView[] }>(`/internal/rosters?${query.toString()}`);
      if (!answer) throw new ServiceUnavailable(UNAVAILABLE);
      const byPractice = new Map(tenantIds.map((id) => [id, [] as RosterProviderView[]]));
      for (const p of answer.items) byPractice.get(p.tenantId)?.push(p);
      return tenantIds.map((id) => byPractice.get(id)!);
    },
    async ofPractice(tenantId) {
      const answer = await tenant.get<{ items: RosterProviderView[] }>(
        `/internal/tenants/${encodeURIComponent(tenantId)}/providers`,
      );
      if (!answer) throw new ServiceUnavailable(UNAVAILABLE);
      return answer.items;
    },
    close: () => tenant.close(),
  };
}
