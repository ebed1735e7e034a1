#!/usr/bin/env node
// Makes a fresh clone runnable, with nothing but some Node.js with npm and Debian's archive: brings the
// pinned Node.js LTS (.node-version) into .local/node when the machine's is another major, pins pnpm
// (inside the repo, no global install), installs dependencies, fetches nats-server 2.10 when no NATS_URL is
// given (and redis-server, Chromium and the chart renderer for the test suite), generates Prisma clients and builds every package (turbo caches what did not change).
import { execFileSync, spawnSync } from 'node:child_process';

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChartRender } from './ensure-chart-render.mjs';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureNode } from './ensure-node.mjs';
import { ensureNats } from './ensure-nats.mjs';
import { ensurePoppler } from './ensure-poppler.mjs';
import { ensurePromtool } from './ensure-promtool.mjs';
import { ensureRedis } from './ensure-redis.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';
const localPnpmBin = path.join(root, '.local/pnpm/node_modules/.bin');

/** Environment for child processes: the repo's pnpm and tools first on PATH, turbo quiet and offline. */
export function toolEnv(extra = {}) {
  return {
    ...process.env,
    PATH: [localPnpmBin, path.join(root, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    CHECKPOINT_DISABLE: '1',
    // No "update available, run curl … | sh" from pnpm or npm: the repo pins its tools, and a
    // newcomer should not follow that advice (read by npm and by pnpm as `update-notifier`).
    npm_config_update_notifier: 'false',
    // Prisma's CLI would download native engines it does not need (see README, PLATFORM.md).
    PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
    PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
    ...extra,
  };
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: toolEnv(), ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.signal ?? `exit ${result.status}`})`);
  }
}

function step(message) {
  console.log(`\x1b[36m[setup]\x1b[0m ${message}`);
}

let pinnedNode;
/**
 * The pinned Node.js (see ensure-node.mjs), put first on this process's PATH so that pnpm, turbo,
 * jest, tsx and every service started from here run on it. Returns its binary.
 */
export function usePinnedNode() {
  if (!pinnedNode) {
    pinnedNode = ensureNode();
    process.env.PATH = [pinnedNode.dir, process.env.PATH].join(path.delimiter);
  }
  return pinnedNode.bin;
}

function ensurePnpm() {
  const have = spawnSync('pnpm', ['--version'], { env: toolEnv(), encoding: 'utf8' });
  if (have.status === 0 && have.stdout.trim() === PNPM_VERSION) return;
  step(`installing pnpm ${PNPM_VERSION} into .local/pnpm`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      path.join(root, '.local/pnpm'),
      '--no-fund',
      '--no-audit',
      // Errors only: npm's warnings here (install scripts, deprecations of pnpm's own bundled
      // dependencies) are advice for pnpm's maintainers, not for someone starting the platform.
      '--loglevel=error',
      `pnpm@${PNPM_VERSION}`,
    ],
    { stdio: 'inherit', env: toolEnv() },
  );
}

export function bootstrap({ quiet = false, forTests = false } = {}) {
  const node = usePinnedNode();
  ensurePnpm();
  step('installing dependencies (pnpm install)');
  run('pnpm', ['install', '--frozen-lockfile', ...(quiet ? ['--reporter=silent'] : [])]);
  if (!process.env.NATS_URL) {
    const bin = ensureNats();
    process.env.NATS_SERVER_BIN ??= bin;
  }
  // The gateway's shared rate-limit tests start their own redis-server; `npm start` runs without one.
  if (forTests) process.env.REDIS_SERVER_BIN ??= ensureRedis();
  // The web app's browser tests drive Debian's Chromium (apps/web/e2e).
  if (forTests) process.env.CHROMIUM_BIN ??= ensureChromium();
  // The Helm chart's render test (packages/deploy-checks): Helm's template engine, built from Debian's Go packages.
  if (forTests) process.env.CHART_RENDER_BIN ??= ensureChartRender();
  // The alert rules' checks and unit tests (infrastructure/monitoring): Prometheus's promtool.
  if (forTests) process.env.PROMTOOL_BIN ??= ensurePromtool();
  // Proof thumbnails (the proof engine's tests check them; `npm start` renders them when it can).
  try {
    const pdftoppm = process.env.PDFTOPPM_BIN ?? ensurePoppler();
    if (pdftoppm) process.env.PDFTOPPM_BIN = pdftoppm;
  } catch (err) {
    if (forTests) throw err;
    console.warn(`[setup] no pdftoppm (${err.message}): proofs will have no thumbnails`);
  }
  step('generating Prisma clients and building packages (turbo)');
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--concurrency=2']);
  return node;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    bootstrap();
  } catch (err) {
    console.error(`[setup] ${err.message}`);
    process.exit(1);
  }
}
