import { randomUUID } from 'node:crypto';
import { eventually } from '@plh/test-kit';
import { buildTestApp, newPractice, type TestApp } from './helpers';

/**
 * Idempotency keys are remembered 24 hours; the hourly housekeeping job (a schedule on the job queue)
 * deletes the expired ones for every practice, and a key of today keeps replaying its answer.
 */
describe('core: housekeeping of expired idempotency keys', () => {
  let t: TestApp;
  const practices = [newPractice(), newPractice()];

  beforeAll(async () => {
    t = await buildTestApp({ JOB_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const createProject = async (practice: (typeof practices)[number], key: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects`,
      headers: { ...(await t.as(practice.owner)), 'idempotency-key': key },
      payload: { name: 'Closure', letterType: 'practice_closure' },
    });

  it('deletes keys older than 24 hours in every practice and keeps today’s', async () => {
    const expired = [`expired-${randomUUID()}`, `expired-${randomUUID()}`];
    const fresh = `fresh-${randomUUID()}`;
    for (const [i, practice] of practices.entries())
      expect((await createProject(practice, expired[i]!)).statusCode).toBe(201);
    const first = await createProject(practices[0]!, fresh);
    await t.admin.query(
      `UPDATE core.idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ANY($1)`,
      [expired],
    );
    // The schedule's slot has come (as it does at minute 17 of every hour).
    const scheduled = await t.admin.query(
      `UPDATE core.job_schedule SET next_run_at = now() - interval '1 minute' WHERE name = 'core.housekeeping'`,
    );
    expect(scheduled.rowCount).toBe(1);

    await eventually(async () => {
      const keys = await t.admin.query<{ key: string }>('SELECT key FROM core.idempotency_key WHERE key = ANY($1)', [
        [...expired, fresh],
      ]);
      expect(keys.rows).toEqual([{ key: fresh }]);
    });
    const replay = await createProject(practices[0]!, fresh);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
  });
});
