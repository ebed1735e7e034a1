import path from 'node:path';
import { EventRegistry } from '@plh/contracts';
import { setupServiceDatabase } from '@plh/db';
import { createTestDatabase, testNatsUrl, type TestDatabase } from '@plh/test-kit';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import {
  connectPlatform,
  type Platform,
  type PlatformConfig,
  type PlatformDb,
  type ConnectPlatformOptions,
} from './platform';

export interface TestPlatform<Db extends PlatformDb> {
  platform: Platform<Db>;
  database: TestDatabase;
  config: PlatformConfig;
  /** The same settings as environment variables, to feed a service's own loadConfig. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * For a service's integration tests: a fresh database with the service's schema, roles and
 * migrations, a private event namespace on the run's NATS, and the platform connected to both,
 * exactly as server.ts connects it (runtime role, RLS in force).
 */
export async function createTestPlatform<Db extends PlatformDb>(input: {
  schema: string;
  serviceDir: string;
  createDb: ConnectPlatformOptions<Db>['createDb'];
  registry?: EventRegistry;
  /** Share another platform's event namespace (services that talk by events in one test). */
  eventNamespace?: string;
}): Promise<TestPlatform<Db>> {
  const database = await createTestDatabase();
  const migrationsDir = path.join(input.serviceDir, 'prisma', 'migrations');
  const { appUrl } = await setupServiceDatabase(database.adminUrl, input.schema, migrationsDir, {
    migratorPassword: `${input.schema}-migrator-test`,
    appPassword: `${input.schema}-app-test`,
  });
  const config: PlatformConfig = {
    DATABASE_URL: appUrl,
    DATABASE_POOL_MAX: 5,
    NATS_URL: testNatsUrl(),
    EVENT_NAMESPACE: input.eventNamespace ?? `t${randomBytes(4).toString('hex')}`,
    NATS_STREAM_REPLICAS: 1,
  };
  const platform = await connectPlatform({
    schema: input.schema,
    config,
    migrationsDir,
    registry: input.registry ?? new EventRegistry(),
    createDb: input.createDb,
    log: pino({ level: 'silent' }),
  });
  return {
    platform,
    database,
    config,
    env: Object.fromEntries(Object.entries(config).map(([key, value]) => [key, String(value)])),
    close: async () => {
      await platform.close();
      await database.drop();
    },
  };
}
