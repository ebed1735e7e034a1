import { fillerRecords, leieCsv } from '../../../test/leie-files';
import { startSourceServer, type SourceServer } from '../../../test/source-server';
import { readLeie } from '../leie/read-leie';
import { fetchSourceFile, SourceFetchError } from './fetch-source-file';
import { sourceHostPolicy } from './source-hosts';

/** Reads a fetched LEIE file to its end, as a sync does. */
async function readAll(server: SourceServer, path: string, maxBytes = 1_000_000) {
  const fetched = await fetchSourceFile(`${server.baseUrl}${path}`, { maxBytes, timeoutMs: 2_000 });
  if (fetched.status !== 'ok') return fetched.status;
  let rows = 0;
  for await (const _ of readLeie(fetched.body)) rows++;
  return { rows, sha256: fetched.body.sha256 };
}

describe('fetching a source file', () => {
  let server: SourceServer;
  beforeAll(async () => (server = await startSourceServer()));
  afterAll(() => server.close());

  it('reads the whole file, hashed, and says when it is not published', async () => {
    server.files.set('UPDATED.csv', { body: leieCsv(fillerRecords(3)) });
    expect(await readAll(server, 'UPDATED.csv')).toEqual({ rows: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await readAll(server, '2026/2612EXCL.csv')).toBe('not_found');
  });

  it('fails the read, never hangs, when the connection drops mid-body or the streamed size passes the cap', async () => {
    const body = leieCsv(fillerRecords(50));
    server.files.set('cut.csv', { truncate: body.slice(0, 2_000), announce: Buffer.byteLength(body) });
    await expect(readAll(server, 'cut.csv')).rejects.toBeInstanceOf(SourceFetchError);
    // No Content-Length up front (chunked): the cap is enforced while streaming.
    server.files.set('big.csv', { chunked: leieCsv(fillerRecords(400)) });
    await expect(readAll(server, 'big.csv', 10_000)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('follows a redirect only to a host sources may be read from, and not for ever', async () => {
    const local = sourceHostPolicy('127.0.0.1');
    const read = (path: string) =>
      fetchSourceFile(`${server.baseUrl}${path}`, { maxBytes: 1_000_000, timeoutMs: 2_000, allowedHost: local });
    server.files.set('moved/UPDATED.csv', { body: leieCsv(fillerRecords(2)) });
    server.files.set('old.csv', { redirect: `${server.baseUrl}moved/UPDATED.csv` });
    const moved = await read('old.csv');
    expect(moved.status).toBe('ok');
    if (moved.status === 'ok') await moved.body.resume().toArray();
    server.files.set('inside.csv', { redirect: 'http://169.254.169.254/latest/meta-data/' });
    await expect(read('inside.csv')).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    server.files.set('a.csv', { redirect: 'b.csv' });
    server.files.set('b.csv', { redirect: 'a.csv' });
    await expect(read('a.csv')).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      message: expect.stringMatching(/redirected more than 3/),
    });
  });
});
