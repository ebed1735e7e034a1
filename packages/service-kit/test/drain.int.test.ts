import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

/**
 * A drain (SIGTERM) must not close a kept-alive connection under a request a client is sending on it:
 * the connection stays open until the client closes it, told by `Connection: close` on its next answer.
 */
describe('runService: a drain leaves kept-alive connections to their clients', () => {
  it('answers the next request on an idle connection with Connection: close, refuses new connections, then exits', async () => {
    const child = spawn('node', ['--import', 'tsx', path.join(__dirname, 'fixtures/serve.ts')], {
      cwd: path.join(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const waitFor = async (msg: string) => {
      for (;;) {
        const { value, done } = await lines.next();
        if (done) throw new Error(`the service ended before logging "${msg}"`);
        const entry = JSON.parse(value as string) as { msg?: string; url?: string };
        if (entry.msg === msg) return entry;
      }
    };
    const url = (await waitFor('serving')).url!;
    // Two clients: one with a kept-alive connection, one that connects only once the drain began.
    const kept = new Pool(url, { connections: 1, keepAliveTimeout: 60_000 });
    const fresh = new Pool(url, { connections: 1 });
    try {
      const before = await kept.request({ method: 'GET', path: '/healthz' });
      await before.body.dump();
      expect(before.headers.connection).toBe('keep-alive');

      child.kill('SIGTERM');
      await waitFor('draining: not listening; open connections are left to their clients');

      // A new connection is not taken (it goes to another instance), while the process is still up:
      // the kept connection holds the drain open, as the next request shows.
      await expect(fresh.request({ method: 'GET', path: '/healthz' })).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
      // The connection that was idle when the drain began still takes a request, and says it closes.
      const during = await kept.request({ method: 'GET', path: '/healthz' });
      await during.body.dump();
      expect(during.statusCode).toBe(200);
      expect(during.headers.connection).toBe('close');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await Promise.all([kept.destroy(), fresh.destroy()]);
    }
  });
});
