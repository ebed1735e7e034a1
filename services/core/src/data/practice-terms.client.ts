import { createInternalTokenMinter, ServiceUnavailable } from '@plh/service-kit';
import { Pool } from 'undici';
import type { PracticeTerms } from '../domain/deps';

/**
 * A practice's terms from the tenant service (GET /internal/tenants/:id/settings with a service token
 * carrying `settings:read`), cached briefly. When the tenant service does not answer, quoting and
 * ordering answer 503 rather than price with the wrong terms.
 */
export function practiceTermsClient(input: {
  tenantUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
  defaults: PracticeTerms;
  cacheMs?: number;
}) {
  const pool = new Pool(input.tenantUrl, { connections: 8, headersTimeout: 3_000, bodyTimeout: 3_000 });
  const cache = new Map<string, { until: number; terms: PracticeTerms }>();
  const terms = async (tenantId: string): Promise<PracticeTerms> => {
    const hit = cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.terms;
    const token = await input.mint(
      { kind: 'service', id: 'core', tenantId: null, role: null, scopes: ['settings:read'] },
      'tenant',
    );
    let values: Record<string, unknown>;
    try {
      const res = await pool.request({
        method: 'GET',
        path: `/internal/tenants/${encodeURIComponent(tenantId)}/settings`,
        headers: { 'x-plh-internal-token': token },
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new Error(`tenant service answered ${res.statusCode}`);
      }
      ({ values } = (await res.body.json()) as { values: Record<string, unknown> });
    } catch {
      throw new ServiceUnavailable('The practice’s terms could not be read; try again shortly.');
    }
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
  return { terms, close: () => pool.close() };
}
