import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig, signInternalToken, type Principal, type ServiceApp, type SignedClient } from '@plh/service-kit';
import {
  createInternalKeys,
  createTestPlatform,
  type TestInternalKeys,
  type TestPlatform,
} from '@plh/service-kit/testing';
import { ALL_EVENTS, EventRegistry, type AuditRecord } from '@plh/contracts';
import { buildApp } from '../src/app';
import { ConfigSchema, type Config } from '../src/config';
import { PrismaClient } from '../generated/prisma';

export interface TestApp {
  app: ServiceApp;
  test: TestPlatform<PrismaClient>;
  config: Config;
  /** Every signing service's internal-token key (the gateway's signs `as`). */
  keys: TestInternalKeys;
  /** Headers carrying an internal token for `principal`, as the gateway would send them. */
  as(principal: Principal, client?: SignedClient): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The tenant service on a fresh database and event namespace, with a test "gateway" key pair. */
export async function buildTestApp(): Promise<TestApp> {
  const test = await createTestPlatform({
    schema: 'tenant',
    serviceDir: path.join(__dirname, '..'),
    createDb: (adapter) => new PrismaClient({ adapter }),
    registry: new EventRegistry(ALL_EVENTS),
  });
  const keys = await createInternalKeys();
  const signer = keys.signer('gateway');
  const config = loadConfig(ConfigSchema, {
    ...test.env,
    LOG_LEVEL: process.env.PLH_TEST_LOG_LEVEL ?? 'silent',
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    INTERNAL_TOKEN_JWKS: keys.jwks,
  });
  const app = await buildApp(config, { platform: test.platform });
  await app.ready();
  return {
    app,
    test,
    config,
    keys,
    as: async (principal, client) => ({
      'x-plh-internal-token': await signInternalToken(signer, principal, 'tenant', 60, client),
    }),
    close: async () => {
      await app.close();
      await test.database.drop();
    },
  };
}

/** What the practice's transactions put in the outbox, in order: domain events and audit records apart. */
export async function outboxOf(db: PrismaClient, tenantId: string) {
  const rows = await db.outboxEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
  const isAudit = (subject: string) => subject.endsWith('.audit.recorded');
  return {
    events: rows.filter((row) => !isAudit(row.subject)),
    audit: rows.filter((row) => isAudit(row.subject)).map((row) => (row.payload as { data: AuditRecord }).data),
  };
}
