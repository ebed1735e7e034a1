import { containerRuntimeAvailable, startNatsContainer, startPostgresContainer } from './containers';
import { startNatsServer } from './nats-server';
import { startEmbeddedPostgres } from './postgres';
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
