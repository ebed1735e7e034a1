import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildTestApp, newPractice, patientCsv, type TestApp } from './helpers';

/**
 * A stored file that no longer decrypts (tampered, truncated, its key gone) is refused before the
 * response starts: a 500 problem that says so, never a 200 whose body stops halfway.
 */
describe('core: signed file links of encrypted storage', () => {
  let t: TestApp;
  const practice = newPractice();

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, contentType?: string) =>
    t.app.inject({
      method,
      url: `/api/tenants/${practice.tenantId}${url}`,
      headers: { ...(await t.as(practice.owner)), ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  async function uploadedList() {
    const project = (await call('POST', '/projects', { name: 'Closure', letterType: 'practice_closure' })).json();
    const list = (await call('POST', `/projects/${project.id}/patient-lists`, patientCsv(3), 'text/csv')).json();
    const [row] = (
      await t.admin.query<{ revision_id: string; storage_key: string }>(
        `SELECT r.id::text AS revision_id, r.storage_key FROM core.patient_list l
           JOIN core.file_revision r ON r.id = l.file_revision_id WHERE l.id = $1`,
        [list.id],
      )
    ).rows;
    const link = (await call('GET', `/files/${row!.revision_id}/download`)).json();
    const url = new URL(link.url, 'http://core.local');
    return { file: path.join(t.filesDir, ...row!.storage_key.split('/')), path: url.pathname + url.search };
  }

  it('serves an intact file', async () => {
    const { path: url } = await uploadedList();
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(patientCsv(3));
  });

  it.each([
    ['a flipped byte in its wrapped key', (file: string) => flip(file, 40)],
    ['a flipped byte in its first segment', (file: string) => flip(file, 110)],
    ['truncated inside its header', (file: string) => truncateSync(file, 50)],
  ])('answers 500 STORED_FILE_UNREADABLE for a file with %s', async (_, damage) => {
    const { file, path: url } = await uploadedList();
    damage(file);
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'STORED_FILE_UNREADABLE' });
  });
});

function flip(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  writeFileSync(file, bytes);
}
