import path from 'node:path';
import { ALL_EVENTS, EventRegistry, type EventEnvelope } from '@plh/contracts';
import { compareWithPrisma, setupServiceDatabase, type DriftReport } from '@plh/db';
import { ensureServiceStream } from '@plh/event-bus';
import { createTestDatabase, eventually, testNatsUrl, type TestDatabase } from '@plh/test-kit';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import pino from 'pino';
import { Pool } from 'pg';
import type { Static, TObject } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from './config';
import { signInternalToken, type Principal, type SignedClient } from './auth/internal-token';
import type { ServiceDefinition } from './service-definition';
import type { InternalSigner } from './auth/internal-token';
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
  /** Another process's platform on the same database and event namespace (a replica, a worker process). */
  replica(): Promise<Platform<Db>>;
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
  const connect = () =>
    connectPlatform({
      schema: input.schema,
      config,
      migrationsDir,
      registry: input.registry ?? new EventRegistry(),
      createDb: input.createDb,
      log: pino({ level: process.env.PLH_TEST_LOG_LEVEL ?? 'silent' }),
    });
  const platform = await connect();
  return {
    platform,
    database,
    config,
    replica: connect,
    env: Object.fromEntries(Object.entries(config).map(([key, value]) => [key, String(value)])),
    close: async () => {
      await platform.close();
      await database.drop();
    },
  };
}

export interface TestInternalKeys {
  /** INTERNAL_TOKEN_JWKS: every signer's public key, as production configures it. */
  jwks: string;
  /** INTERNAL_TOKEN_PRIVATE_JWK of one signer. */
  privateJwk(owner: InternalKeyOwner): string;
  /** A signer for tests that make their own tokens (the gateway's, to speak for users). */
  signer(owner: InternalKeyOwner): InternalSigner;
}
export type InternalKeyOwner = 'gateway' | 'core' | 'proof-engine' | 'compliance' | 'notification';

/** One internal-token key pair per signing service (kid `<service>:test`), as `npm start` makes them. */
export async function createInternalKeys(): Promise<TestInternalKeys> {
  const owners: InternalKeyOwner[] = ['gateway', 'core', 'proof-engine', 'compliance', 'notification'];
  const pairs = await Promise.all(
    owners.map(async (owner) => {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = `${owner}:test`;
      return {
        owner,
        kid,
        signer: { kid, key: pair.privateKey },
        publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'EdDSA', use: 'sig' },
        privateJwk: JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid, alg: 'EdDSA' }),
      };
    }),
  );
  const of = (owner: InternalKeyOwner) => pairs.find((p) => p.owner === owner)!;
  return {
    jwks: JSON.stringify({ keys: pairs.map((p) => p.publicJwk) }),
    privateJwk: (owner) => of(owner).privateJwk,
    signer: (owner) => of(owner).signer,
  };
}

/**
 * Delivers `event` to the consumer `consumer` twice: two messages with the same envelope (different
 * msgIDs defeat JetStream's de-duplication, as a republish after its window would). Resolves once the
 * consumer has acknowledged both, so a test counts effects after both deliveries were handled.
 */
export async function deliverTwice(
  platform: Pick<Platform<PlatformDb>, 'nats' | 'ns'>,
  consumer: string,
  event: EventEnvelope,
  timeoutMs = 15_000,
): Promise<void> {
  const service = event.type.split('.')[1]!;
  await ensureServiceStream(platform.nats.jsm, platform.ns, service);
  const subject = platform.ns.subject(event.type);
  const first = await platform.nats.js.publish(subject, JSON.stringify(event), { msgID: `${event.id}-first` });
  const second = await platform.nats.js.publish(subject, JSON.stringify(event), { msgID: `${event.id}-second` });
  if (second.duplicate || first.duplicate) throw new Error('deliverTwice: JetStream dropped a copy as a duplicate');
  const stream = platform.ns.stream(service).name;
  await eventually(
    async () => {
      const info = await platform.nats.jsm.consumers.info(stream, consumer);
      if (info.ack_floor.stream_seq < second.seq)
        throw new Error(
          `consumer ${consumer} has acknowledged up to ${info.ack_floor.stream_seq}, not ${second.seq} yet`,
        );
    },
    { timeoutMs },
  );
}

/**
 * The drift check of a service's migrations: applied to one empty database, the Prisma schema pushed
 * to another, both catalogs described. The test asserts `report.migrated` equals `report.prisma`.
 */
export async function checkMigrationDrift(
  service: Pick<ServiceDefinition<TObject, PlatformDb>, 'schema' | 'serviceDir'>,
): Promise<DriftReport> {
  const [migrated, expected] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  try {
    return await compareWithPrisma({
      serviceDir: service.serviceDir,
      schema: service.schema,
      migratedDbUrl: migrated.adminUrl,
      prismaDbUrl: expected.adminUrl,
    });
  } finally {
    await Promise.all([migrated.drop(), expected.drop()]);
  }
}

export interface TestService<S extends TObject, Db extends PlatformDb> {
  app: FastifyInstance;
  test: TestPlatform<Db>;
  config: Static<S>;
  /** Every signing service's internal-token key (the gateway's signs `as`). */
  keys: TestInternalKeys;
  /** Superuser connection to the test database, for looking at what is really stored. */
  admin: Pool;
  /** Headers carrying an internal token for `principal`, as the gateway would send them. */
  as(principal: Principal, client?: SignedClient): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A service as its integration tests run it: a fresh database and event namespace, the platform
 * connected as server.ts connects it, configuration loaded from `env` on top of the platform's and a
 * fresh set of internal-token keys, the app built and ready.
 */
export async function startTestService<S extends TObject, Db extends PlatformDb>(
  service: ServiceDefinition<S, Db>,
  /** `deps`: the optional extras the service's buildApp takes beside its platform (core: `storage`). */
  options: {
    /** On top of the platform's settings; a function when it needs the test's keys (a signing service's own). */
    env?: Record<string, string> | ((keys: TestInternalKeys) => Record<string, string>);
    deps?: object;
  } = {},
): Promise<TestService<S, Db>> {
  const test = await createTestPlatform({ ...service, registry: service.registry ?? new EventRegistry(ALL_EVENTS) });
  const keys = await createInternalKeys();
  const signer = keys.signer('gateway');
  const config = loadConfig(service.configSchema, {
    ...test.env,
    LOG_LEVEL: process.env.PLH_TEST_LOG_LEVEL ?? 'silent',
    INTERNAL_TOKEN_JWKS: keys.jwks,
    ...(typeof options.env === 'function' ? options.env(keys) : options.env),
  });
  const app = await service.buildApp(config, { platform: test.platform, ...options.deps });
  await app.ready();
  const admin = new Pool({ connectionString: test.database.adminUrl, max: 2 });
  // An idle connection ended when the test database is dropped is not a test failure.
  admin.on('error', () => undefined);
  return {
    app,
    test,
    config,
    keys,
    admin,
    as: async (principal, client) => ({
      'x-plh-internal-token': await signInternalToken(signer, principal, service.name, 60, client),
    }),
    close: async () => {
      await app.close();
      await admin.end();
      await test.database.drop();
    },
  };
}

/**
 * A practice as a service test needs it: an id and the principals of its owner, approver and viewer
 * (ids only: users live in the tenant service), for `as(principal)`.
 */
export function newPractice() {
  const tenantId = randomUUID();
  const user = (role: 'owner' | 'approver' | 'viewer'): Principal => ({
    kind: 'user',
    id: randomUUID(),
    tenantId,
    role,
    scopes: [],
  });
  return { tenantId, owner: user('owner'), approver: user('approver'), viewer: user('viewer') };
}

/** Spans kept in memory, for tests that follow a trace (`startTracing({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })`). */
export { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
