import { randomUUID } from 'node:crypto';
import { generateCheckpointKey } from '@plh/audit-chain';
import type { RosterProviderView } from '@plh/contracts';
import type { Principal } from '@plh/service-kit';
import { startTestService, type TestService } from '@plh/service-kit/testing';
import { eventually } from '@plh/test-kit';
import type { Deps } from '../src/app';
import type { ConfigSchema } from '../src/config';
import type { Rosters } from '../src/domain/deps';
import { complianceService } from '../src/service';
import type { PrismaClient } from '../generated/prisma';

export type TestApp = TestService<typeof ConfigSchema, PrismaClient>;

/**
 * The practices' rosters as the tenant service would answer them (its internal roster API has its own
 * tests in the tenant service): what the screening reads.
 */
export function rosterOf(
  providers: RosterProviderView[],
  practicesWithoutProviders: string[] = [],
): Rosters & { providers: RosterProviderView[] } {
  const state = { providers };
  return {
    async practices(cursor, limit) {
      const all = [...new Set([...state.providers.map((p) => p.tenantId), ...practicesWithoutProviders])].sort();
      const items = all.filter((id) => !cursor || id > cursor).slice(0, limit);
      const last = items.at(-1);
      return { items: items.map((tenantId) => ({ tenantId })), next: last && last !== all.at(-1) ? last : null };
    },
    get providers() {
      return state.providers;
    },
    set providers(next) {
      state.providers = next;
    },
    async page(cursor, limit) {
      const sorted = [...state.providers].sort((a, b) => a.id.localeCompare(b.id));
      const start = cursor ? sorted.findIndex((p) => p.id > cursor) : 0;
      const items = start < 0 ? [] : sorted.slice(start, start + limit);
      const last = items.at(-1);
      return { items, next: last && sorted.indexOf(last) < sorted.length - 1 ? last.id : null };
    },
    async ofPractice(tenantId) {
      return state.providers.filter((p) => p.tenantId === tenantId);
    },
    async ofPractices(tenantIds) {
      return tenantIds.map((id) => state.providers.filter((p) => p.tenantId === id));
    },
    close: async () => undefined,
  };
}

export async function buildTestApp(
  rosters: Rosters,
  env: Record<string, string> = {},
  deps: Omit<Deps, 'platform' | 'rosters'> = {},
): Promise<TestApp> {
  return startTestService(complianceService, {
    env: (keys) => ({
      INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('compliance'),
      AUDIT_SIGNING_PRIVATE_JWK: JSON.stringify(generateCheckpointKey()),
      // No automatic ticks: the tests run syncs themselves.
      SOURCE_TICK_CRON: '0 0 1 1 *',
      // The stand-ins of the sources listen here.
      SOURCE_HOSTS: '127.0.0.1',
      ...env,
    }),
    deps: { rosters, ...deps },
  });
}

export { newPractice as practice } from '@plh/service-kit/testing';

export const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };

export function provider(
  tenantId: string,
  p: Partial<RosterProviderView> & Pick<RosterProviderView, 'firstName' | 'lastName'>,
) {
  return {
    id: randomUUID(),
    tenantId,
    npi: '1000000004',
    middleName: null,
    dateOfBirth: '1960-01-01',
    licenseState: 'MA',
    licenseNumber: 'L-1',
    ...p,
  } satisfies RosterProviderView;
}

/** Calls as `who`, to the practice's path when the principal has one. */
export function caller(app: () => TestApp) {
  return async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = {}) =>
    app().app.inject({
      method,
      url,
      headers: { ...(await app().as(who)), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** Waits until the service's job queue is idle (every queued sync and screening has run). */
export async function jobsIdle(t: TestApp): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await t.admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM compliance.job_queue WHERE state IN ('queued', 'running')`,
      );
      if (rows[0]!.n !== 0) throw new Error(`${rows[0]!.n} jobs still queued or running`);
    },
    { timeoutMs: 30_000 },
  );
}

/**
 * A sync of `source` asked for by ops through the API, followed to its end (not queued or running),
 * then the jobs it queued (screenings, bulletins) run: answers the finished sync as the API shows it.
 */
export async function syncNow(t: TestApp, source: string) {
  const call = caller(() => t);
  const started = await call(opsAdmin, 'POST', `/api/ops/compliance/sources/${source}/sync`);
  if (started.statusCode !== 202)
    throw new Error(`the sync of ${source} did not start: ${started.statusCode} ${started.body}`);
  const sync = await eventually(
    async () => {
      const res = (await call(opsAdmin, 'GET', started.headers.location as string)).json();
      if (res.state === 'queued' || res.state === 'running') throw new Error(`sync ${res.state}`);
      return res;
    },
    { timeoutMs: 30_000 },
  );
  await jobsIdle(t);
  return sync;
}
