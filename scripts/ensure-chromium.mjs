#!/usr/bin/env node
// Finds Chromium for the web app's browser tests (playwright-core drives it; PLATFORM.md): CHROMIUM_BIN,
// then Debian's /usr/bin/chromium. Missing, it is installed with apt-get as root (the CI machines run as
// root with Debian's archive reachable); elsewhere the error says what to run. `npx playwright install`
// cannot download browsers on these machines, and Chromium pulls in too many shared libraries to unpack
// beside the repo the way nats-server and poppler are.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hasApt } from './debian-packages.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function works(bin) {
  return spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.includes('Chromium') ?? false;
}

export function ensureChromium() {
  for (const bin of [process.env.CHROMIUM_BIN, DEBIAN_CHROMIUM].filter(Boolean)) {
    if (works(bin)) return bin;
  }
  if (!hasApt() || process.getuid?.() !== 0)
    throw new Error(
      `no Chromium for the web app's browser tests: install Debian's (sudo apt-get install -y chromium) or set CHROMIUM_BIN`,
    );
  console.log('[setup] installing Chromium (apt-get install chromium) for the web app tests ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const apt = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (apt.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${apt.status})`);
  }
  if (!works(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} does not run`);
  return DEBIAN_CHROMIUM;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureChromium());
