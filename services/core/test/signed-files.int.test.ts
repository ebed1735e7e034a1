import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { buildTestApp, newPractice, ownerCalls, patientCsv, uploadedList, type TestApp } from './helpers';

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

  const call = ownerCalls(() => t, practice);

  /** A list's file on disk and its signed download link (path and query, as the gateway forwards it). */
  async function listLink() {
    const { file, revisionId } = await uploadedList(t, call);
    const link = (await call('GET', `/files/${revisionId}/download`)).json();
    const url = new URL(link.url, 'http://core.local');
    return { file, path: url.pathname + url.search };
  }

  it('serves an intact file', async () => {
    const { path: url } = await listLink();
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(patientCsv(3));
  });

  it.each([
    ['a flipped byte in its wrapped key', (file: string) => flip(file, 40)],
    ['a flipped byte in its first segment', (file: string) => flip(file, 110)],
    ['truncated inside its header', (file: string) => truncateSync(file, 50)],
  ])('answers 500 STORED_FILE_UNREADABLE for a file with %s', async (_, damage) => {
    const { file, path: url } = await listLink();
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
