import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import {
  loadConfig,
  signInternalToken,
  type InternalSigner,
  type Principal,
  type ServiceApp,
  type SignedClient,
} from '@plh/service-kit';
import { createTestPlatform, type TestPlatform } from '@plh/service-kit/testing';
import { ALL_EVENTS, EventRegistry, type AuditRecord } from '@plh/contracts';
import { buildApp } from '../src/app';
import { ConfigSchema, type Config } from '../src/config';
import { PrismaClient } from '../generated/prisma';

export interface TestApp {
  app: ServiceApp;
  test: TestPlatform<PrismaClient>;
  config: Config;
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
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const signer: InternalSigner = { kid: 'test-gateway', key: pair.privateKey };
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: signer.kid, alg: 'EdDSA', use: 'sig' }] };
  const config = loadConfig(ConfigSchema, {
    ...test.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    INTERNAL_TOKEN_JWKS: JSON.stringify(jwks),
  });
  const app = await buildApp(config, { platform: test.platform });
  await app.ready();
  return {
    app,
    test,
    config,
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
