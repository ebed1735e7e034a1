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

  const [postgres, nats] = await Promise.all([
    needPostgres ? (useContainers ? startPostgresContainer() : startEmbeddedPostgres({ fast: true })) : undefined,
    needNats ? (useContainers ? startNatsContainer() : startNatsServer()) : undefined,
  ]);
  if (postgres) stops.push(postgres.stop);
  if (nats) stops.push(nats.stop);
  process.env[TEST_ENV.adminDatabaseUrl] = postgres?.adminUrl ?? process.env.DATABASE_URL;
  process.env[TEST_ENV.natsUrl] = nats?.url ?? process.env.NATS_URL;
  process.env[TEST_ENV.backend] = useContainers ? 'testcontainers' : 'local';
}
