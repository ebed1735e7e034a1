import { spawnSync } from 'node:child_process';
import path from 'node:path';

function boot(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/boot.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('boot with a bad configuration', () => {
  it('exits 1 with one clear line per bad variable and no stack trace', () => {
    const { code, stdout, stderr } = boot({ PORT: 'http' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'demo: config error: DATABASE_URL is required but not set',
      expect.stringMatching(/^demo: config error: PORT .*"http"\)$/),
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('boots with a good one', () => {
    expect(boot({ PORT: '4321', DATABASE_URL: 'postgres://localhost/x' })).toMatchObject({
      code: 0,
      stdout: 'booted on port 4321\n',
    });
  });
});
