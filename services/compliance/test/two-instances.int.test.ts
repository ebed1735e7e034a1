import path from 'node:path';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { connectPlatform, createLogger, type Platform, type ServiceApp } from '@plh/service-kit';
import { buildApp } from '../src/app';
import { complianceUnitOfWork } from '../src/data/unit-of-work';
import { syncDueSources } from '../src/domain/sources/request-sync';
import { PrismaClient } from '../generated/prisma';
import { fillerRecords, leieCsv } from './leie-files';
import { buildTestApp, jobsIdle, rosterOf, type TestApp } from './helpers';
import { startSourceServer, type SourceServer } from './source-server';

/**
 * Two replicas of the compliance service on one database, both running the job worker: when both of
 * their scheduler ticks find the source due at the same moment, one sync is queued, and it runs once.
 */
describe('compliance: two running instances', () => {
  let t: TestApp;
  let oig: SourceServer;
  let second: { platform: Platform<PrismaClient>; app: ServiceApp };
  const rosters = rosterOf([]);
  const registry = new EventRegistry(ALL_EVENTS);

  beforeAll(async () => {
    oig = await startSourceServer();
    oig.files.set('UPDATED.csv', { body: leieCsv(fillerRecords(20)) });
    t = await buildTestApp(rosters);
    // The LEIE alone: the other sources are off.
    await t.admin.query(
      `UPDATE compliance.source SET is_active = (name = 'oig-leie'), config = CASE WHEN name = 'oig-leie' THEN $1::jsonb ELSE config END`,
      [JSON.stringify({ baseUrl: oig.baseUrl })],
    );
    const platform = await connectPlatform({
      schema: 'compliance',
      config: t.config,
      migrationsDir: path.join(__dirname, '../prisma/migrations'),
      registry,
      createDb: (adapter) => new PrismaClient({ adapter }),
      log: createLogger('compliance-2', 'silent'),
    });
    second = { platform, app: await buildApp(t.config, { platform, rosters }) };
  });
  afterAll(async () => {
    await second?.app.close();
    await t?.close();
    await oig?.close();
  });

  it('queues and runs one sync per interval, however many replicas tick', async () => {
    const ticks = [t.test.platform.db, second.platform.db].map((db) => ({
      systemWork: complianceUnitOfWork(db, registry).system,
    }));
    for (let interval = 0; interval < 3; interval++) {
      // The interval ran out (the source's last attempt is long ago): both replicas tick at once.
      await t.admin.query(`UPDATE compliance.source SET last_attempt_at = now() - interval '2 days'`);
      const queued = await Promise.all([...ticks, ...ticks].map((deps) => syncDueSources(deps)));
      expect(queued.flat()).toEqual(['oig-leie']);
      await jobsIdle(t);
    }
    const { rows } = await t.admin.query<{ state: string }>(
      `SELECT state FROM compliance.source_sync ORDER BY created_at`,
    );
    expect(rows.map((r) => r.state)).toEqual(['succeeded', 'unchanged', 'unchanged']);
    // Each sync read the file once (a conditional GET after the first): no replica ran one twice.
    expect(oig.requests.filter((r) => r.path === 'UPDATED.csv').map((r) => r.status)).toEqual([200, 304, 304]);
  });
});
