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

  it('keeps a file’s name and extension: the uploaded name (UTF-8 too), or <kind>-<revision>.<ext>', async () => {
    const project = (await call('POST', '/projects', { name: 'Names', letterType: 'other' })).json();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const named = await call('POST', `/projects/${project.id}/files/logo`, png, 'image/png');
    expect(named.json()).toMatchObject({ filename: 'logo-1.png' });
    const headers = { ...(await t.as(practice.owner)), 'content-type': 'image/png' };
    const utf8 = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects/${project.id}/files/logo`,
      headers: {
        ...headers,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('../Logo Müller.png')}`,
      },
      payload: png,
    });
    expect(utf8.json()).toMatchObject({ revision: 2, filename: 'Logo Müller.png' }); // no folders
    for (const [revisionId, name] of [
      [named.json().id, 'logo-1.png'],
      [utf8.json().id, 'Logo Müller.png'],
    ]) {
      const link = (await call('GET', `/files/${revisionId}/download`)).json();
      const url = new URL(link.url, 'http://core.local');
      const res = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name!)}`);
    }
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
