import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { loadConfig, signInternalToken, type Principal, type ServiceApp } from '@plh/service-kit';
import {
  createInternalKeys,
  createTestPlatform,
  type TestInternalKeys,
  type TestPlatform,
} from '@plh/service-kit/testing';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import type { ObjectStorage } from '@plh/storage';
import { buildApp } from '../src/app';
import { ConfigSchema, type Config } from '../src/config';
import { PrismaClient } from '../generated/prisma';

export interface TestApp {
  app: ServiceApp;
  test: TestPlatform<PrismaClient>;
  config: Config;
  filesDir: string;
  /** Superuser connection to the test database, for looking at what is really stored. */
  admin: Pool;
  /** Every signing service's internal-token key (the gateway's signs `as`). */
  keys: TestInternalKeys;
  /** Headers carrying an internal token for `principal`, as the gateway would send them. */
  as(principal: Principal): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The core service on a fresh database, event namespace and files folder, with a test "gateway" key pair. */
export async function buildTestApp(env: Record<string, string> = {}, storage?: ObjectStorage): Promise<TestApp> {
  const test = await createTestPlatform({
    schema: 'core',
    serviceDir: path.join(__dirname, '..'),
    createDb: (adapter) => new PrismaClient({ adapter }),
    registry: new EventRegistry(ALL_EVENTS),
  });
  const keys = await createInternalKeys();
  const signer = keys.signer('gateway');
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-core-files-'));
  const config = loadConfig(ConfigSchema, {
    ...test.env,
    LOG_LEVEL: process.env.PLH_TEST_LOG_LEVEL ?? 'silent',
    INTERNAL_TOKEN_JWKS: keys.jwks,
    PHI_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    FILE_URL_SECRET: randomBytes(32).toString('hex'),
    FILE_ENCRYPTION_KEYS: `f1:${randomBytes(32).toString('base64')}`,
    STORAGE_LOCAL_DIR: filesDir,
    ...env,
  });
  const app = await buildApp(config, { platform: test.platform, ...(storage ? { storage } : {}) });
  await app.ready();
  const admin = new Pool({ connectionString: test.database.adminUrl, max: 2 });
  return {
    app,
    test,
    config,
    keys,
    filesDir,
    admin,
    as: async (principal) => ({ 'x-plh-internal-token': await signInternalToken(signer, principal, 'core') }),
    close: async () => {
      await app.close();
      await admin.end();
      await test.database.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A practice with an owner and an approver (ids only: users live in the tenant service). */
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

export const opsAgent = (): Principal => ({
  kind: 'user',
  id: randomUUID(),
  tenantId: null,
  role: 'ops_agent',
  scopes: [],
});
export const opsAdmin = (): Principal => ({
  kind: 'user',
  id: randomUUID(),
  tenantId: null,
  role: 'ops_admin',
  scopes: [],
});

/** A CSV with `n` valid Massachusetts recipients (distinct names and streets). */
export function patientCsv(n: number, extra = ''): string {
  const rows = ['First Name,Last Name,Address Line 1,City,State,Zip'];
  for (let i = 1; i <= n; i++) rows.push(`Pat${i},Nuñez${i},${i} Main Street,Boston,MA,0${2100 + (i % 99)}`);
  return `${rows.join('\r\n')}\r\n${extra}`;
}
