import { SETTINGS_READ_SCOPE } from '@plh/contracts';
import { createServiceClient, ServiceUnavailable, type createInternalTokenMinter } from '@plh/service-kit';
import type { PracticeTerms } from '../domain/deps';

/**
 * A practice's terms from the tenant service (GET /internal/tenants/:id/settings with a service token
 * carrying `settings:read`), cached briefly. When the tenant service does not answer, quoting and
 * ordering answer 503 rather than price with the wrong terms.
 */
const UNAVAILABLE = 'The practice’s terms could not be read; try again shortly.';

export function practiceTermsClient(input: {
  tenantUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
  defaults: PracticeTerms;
  cacheMs?: number;
}) {
  const tenant = createServiceClient({
    baseUrl: input.tenantUrl,
    mint: input.mint,
    caller: 'core',
    audience: 'tenant',
    scopes: [SETTINGS_READ_SCOPE],
    unavailable: UNAVAILABLE,
    timeoutMs: 3_000,
  });
  const cache = new Map<string, { until: number; terms: PracticeTerms }>();
  const terms = async (tenantId: string): Promise<PracticeTerms> => {
    const hit = cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.terms;
    const answer = await tenant.get<{ values: Record<string, unknown> }>(
      `/internal/tenants/${encodeURIComponent(tenantId)}/settings`,
    );
    if (!answer) throw new ServiceUnavailable(UNAVAILABLE); // a practice the tenant service does not know
    const { values } = answer;
    const perLetter = values['pricing.perLetterOverrideCents'];
    const hours = values['orders.cancelWindowHours'];
    const result: PracticeTerms = {
      perLetterCents: typeof perLetter === 'number' ? perLetter : null,
      cancelWindowMinutes: typeof hours === 'number' ? hours * 60 : input.defaults.cancelWindowMinutes,
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(tenantId, { until: Date.now() + (input.cacheMs ?? 30_000), terms: result });
    return result;
  };
  return { terms, close: () => tenant.close() };
}
