import type { ServiceApp } from '@plh/service-kit';
import type { TestPlatform } from '@plh/service-kit/testing';
import type { PrismaClient } from '../generated/prisma';
import { buildTestApp, type TestApp } from './helpers';

describe('tenant service', () => {
  let t: TestApp;
  let test: TestPlatform<PrismaClient>;
  let app: ServiceApp;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ test, app } = t);
  });
  afterAll(() => t.close());

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
