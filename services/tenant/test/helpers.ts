import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { loadConfig, signInternalToken, type InternalSigner, type Principal, type ServiceApp } from '@plh/service-kit';
import { createTestPlatform, type TestPlatform } from '@plh/service-kit/testing';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { buildApp } from '../src/app';
import { ConfigSchema, type Config } from '../src/config';
import { PrismaClient } from '../generated/prisma';

export interface TestApp {
  app: ServiceApp;
  test: TestPlatform<PrismaClient>;
  config: Config;
  /** Headers carrying an internal token for `principal`, as the gateway would send them. */
  as(principal: Principal): Promise<Record<string, string>>;
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
    LOG_LEVEL: 'silent',
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    INTERNAL_TOKEN_JWKS: JSON.stringify(jwks),
  });
  const app = await buildApp(config, { platform: test.platform });
  await app.ready();
  return {
    app,
    test,
    config,
    as: async (principal) => ({ 'x-plh-internal-token': await signInternalToken(signer, principal, 'tenant') }),
    close: async () => {
      await app.close();
      await test.database.drop();
    },
  };
}
