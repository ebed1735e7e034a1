import { existsSync } from 'node:fs';
import path from 'node:path';
import { containerRuntimeAvailable, startNatsContainer, startPostgresContainer } from './containers';
import { startNatsServer } from './nats-server';
import { startEmbeddedPostgres } from './postgres';
import { repoRoot } from './runtime';
import { TEST_ENV } from './test-env';

type Stop = () => Promise<void>;
declare global {
  var __PLH_TEST_STOPS__: Stop[] | undefined;
}

/**
 * Jest globalSetup: one PostgreSQL and one NATS (JetStream) for the whole run. `DATABASE_URL` (a
 * superuser/admin URL) and `NATS_URL` given from outside are used instead of starting anything.
 * Test workers read the URLs from the environment (TEST_ENV); test files then make their own
 * databases (createTestDatabase) and their own subject namespace, so files run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  refuseSharedDatabase(process.env.DATABASE_URL);
  useRepoTools();
  const stops: Stop[] = [];
  globalThis.__PLH_TEST_STOPS__ = stops;
  const needPostgres = !process.env.DATABASE_URL;
  const needNats = !process.env.NATS_URL;
  const useContainers = (needPostgres || needNats) && (await containerRuntimeAvailable());

  const [pgResult, natsResult] = await Promise.allSettled([
    needPostgres ? (useContainers ? startPostgresContainer() : startEmbeddedPostgres({ fast: true })) : undefined,
    needNats ? (useContainers ? startNatsContainer() : startNatsServer()) : undefined,
  ]);
  const postgres = pgResult.status === 'fulfilled' ? pgResult.value : undefined;
  const nats = natsResult.status === 'fulfilled' ? natsResult.value : undefined;
  if (postgres) stops.push(postgres.stop);
  if (nats) stops.push(nats.stop);
  // jest skips globalTeardown when globalSetup throws: stop what did start before failing.
  const failed = [pgResult, natsResult].find((r) => r.status === 'rejected');
  if (failed?.status === 'rejected') {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw failed.reason;
  }
  process.env[TEST_ENV.adminDatabaseUrl] = postgres?.adminUrl ?? process.env.DATABASE_URL;
  process.env[TEST_ENV.natsUrl] = nats?.url ?? process.env.NATS_URL;
  process.env[TEST_ENV.backend] = useContainers ? 'testcontainers' : 'local';
}

/**
 * Tools `npm test`'s bootstrap unpacks into .local (poppler's pdftoppm for proof thumbnails), found
 * as well when jest runs on its own after one bootstrap: the tests check thumbnails unconditionally.
 */
function useRepoTools(): void {
  const pdftoppm = path.join(repoRoot(), '.local/poppler/pdftoppm');
  if (!process.env.PDFTOPPM_BIN && existsSync(pdftoppm)) process.env.PDFTOPPM_BIN = pdftoppm;
}

/**
 * Tests create databases and (re)provision the cluster-wide service roles with test passwords: run
 * against a development or shared cluster, that would lock its running services out. An external
 * DATABASE_URL must name a database with "test" in it (or set PLH_TEST_ALLOW_SHARED_DB=1).
 */
function refuseSharedDatabase(url: string | undefined): void {
  if (!url || process.env.PLH_TEST_ALLOW_SHARED_DB === '1') return;
  const database = new URL(url).pathname.slice(1);
  if (!/test/i.test(database)) {
    throw new Error(
      `DATABASE_URL names database "${database}": tests re-provision service roles cluster-wide, so they only run ` +
        'against a database whose name contains "test" (or set PLH_TEST_ALLOW_SHARED_DB=1 if the cluster is disposable).',
    );
  }
}
