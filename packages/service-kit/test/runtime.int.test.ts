import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { pinnedNode } from '@plh/test-kit';

const pinned = pinnedNode();

/** What the bootstrap guarantees: the pinned major, and the exact release when it brought its own. */
function expectPinned(version: string, execPath: string): void {
  expect(version).toMatch(new RegExp(`^v${pinned.major}\\.`));
  if (execPath === pinned.localBin) expect(version).toBe(`v${pinned.version}`);
}

describe('the runtime', () => {
  it('runs the test runner on the pinned Node.js', () => {
    expectPinned(process.version, process.execPath);
  });

  it('starts a service, by `node` on PATH as npm start and the services do, on the pinned Node.js', async () => {
    // `node` resolved from PATH, not process.execPath: that is how pnpm, turbo and the scripts start processes.
    const child = spawn('node', ['--import', 'tsx', path.join(__dirname, 'fixtures/serve.ts')], {
      cwd: path.join(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let serving: { node?: string; pid?: number } | undefined;
      for await (const line of createInterface({ input: child.stdout })) {
        const entry = JSON.parse(line) as { msg?: string; node?: string; pid?: number };
        if (entry.msg === 'serving') {
          serving = entry;
          break;
        }
      }
      expect(serving?.pid).toBe(child.pid);
      expectPinned(serving?.node ?? 'none', readlinkSync(`/proc/${child.pid}/exe`));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
