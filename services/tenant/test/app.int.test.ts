import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig, type ServiceApp } from '@plh/service-kit';
import { createTestPlatform, type TestPlatform } from '@plh/service-kit/testing';
import { buildApp } from '../src/app';
import { ConfigSchema } from '../src/config';
import { PrismaClient } from '../generated/prisma';

describe('tenant service', () => {
  let test: TestPlatform<PrismaClient>;
  let app: ServiceApp;

  beforeAll(async () => {
    test = await createTestPlatform({
      schema: 'tenant',
      serviceDir: path.join(__dirname, '..'),
      createDb: (adapter) => new PrismaClient({ adapter }),
    });
    const config = loadConfig(ConfigSchema, {
      ...test.env,
      LOG_LEVEL: 'silent',
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    app = await buildApp(config, { platform: test.platform });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await test.database.drop();
  });

  it('is ready once its database and NATS answer', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', nats: 'ok' } });
  });

  it('talks to its own schema through Prisma as its runtime role', async () => {
    const [who] = await test.platform.db.$queryRawUnsafe<{ role: string; path: string }[]>(
      // ::text: the pg adapter cannot read columns of type `name` (prisma/prisma#27403).
      'SELECT current_user::text AS role, current_setting($1) AS path',
      'search_path',
    );
    expect(who).toEqual({ role: 'plh_tenant_app', path: 'tenant' });
    expect(await test.platform.db.outboxEvent.count()).toBe(0);
  });
});
