import { existsSync } from 'node:fs';
import { eventually } from '@plh/test-kit';
import { buildTestApp, newPractice, ownerCalls, uploadedList, type TestApp } from './helpers';

/**
 * Raw patient-list files are kept no longer than needed: the daily sweep (a schedule on the job queue)
 * deletes the upload of every list accepted more than RETENTION_RAW_LIST_DAYS ago, audits each
 * deletion, and a download of it answers 410 afterwards. Lists inside the window keep their file.
 */
describe('core: retention of raw patient-list files', () => {
  let t: TestApp;
  const practice = newPractice();

  beforeAll(async () => {
    t = await buildTestApp({ RETENTION_RAW_LIST_DAYS: '30', JOB_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = ownerCalls(() => t, practice);
  const acceptedList = () => uploadedList(t, call, { accept: true });

  it('deletes the file of a list accepted 31 days ago, audits it, answers 410; a recent list keeps its file', async () => {
    const old = await acceptedList();
    const recent = await acceptedList();
    // Time travel for one timestamp only (nothing else reads it): this list was accepted 31 days ago.
    await t.admin.query(`UPDATE core.patient_list SET accepted_at = now() - interval '31 days' WHERE id = $1`, [
      old.listId,
    ]);
    expect(existsSync(old.file)).toBe(true);
    // The schedule's slot has come (as it does at 03:30 UTC every day).
    const scheduled = await t.admin.query(
      `UPDATE core.job_schedule SET next_run_at = now() - interval '1 minute' WHERE name = 'core.retention-sweep'`,
    );
    expect(scheduled.rowCount).toBe(1);
    await eventually(() => expect(existsSync(old.file)).toBe(false), { timeoutMs: 15_000 });

    await eventually(async () => {
      const [revision] = (
        await t.admin.query<{ deleted_at: Date | null; deleted_reason: string | null }>(
          'SELECT deleted_at, deleted_reason FROM core.file_revision WHERE id = $1',
          [old.revisionId],
        )
      ).rows;
      expect(revision).toMatchObject({ deleted_at: expect.any(Date), deleted_reason: 'retention' });
    });
    expect(existsSync(recent.file)).toBe(true);

    const download = await call('GET', `/files/${old.revisionId}/download`);
    expect(download.statusCode).toBe(410);
    expect(download.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(download.json()).toMatchObject({ code: 'FILE_DELETED_BY_RETENTION' });
    expect((await call('GET', `/files/${recent.revisionId}/download`)).statusCode).toBe(200);
    // The project's file list still shows the revision, and when its bytes went.
    const files = (await call('GET', `/projects/${old.projectId}/files`)).json();
    const listed = JSON.stringify(files);
    expect(listed).toContain(old.revisionId);
    expect(listed).toMatch(new RegExp(`"id":"${old.revisionId}"[^}]*"deletedAt":"\\d{4}-`));

    const audits = await t.admin.query<{ data: { action: string; reason: string; actor: { kind: string } } }>(
      `SELECT payload->'data' AS data FROM core.outbox
        WHERE subject = 'plh.core.audit.recorded' AND payload->'data'->'resource'->>'id' = $1`,
      [old.revisionId],
    );
    expect(audits.rows.map((r) => r.data)).toEqual([
      expect.objectContaining({
        action: 'file.delete',
        reason: 'RETENTION',
        actor: expect.objectContaining({ kind: 'service' }),
      }),
    ]);
    await eventually(async () => {
      const jobs = await t.admin.query<{ state: string }>(
        `SELECT state FROM core.job_queue WHERE queue = 'core.retention-sweep'`,
      );
      expect(jobs.rows).toEqual([{ state: 'done' }]);
    });
  });
});
