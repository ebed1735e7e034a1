#!/usr/bin/env node
// Obtains nats-server >= 2.10 into .local/nats (git-ignored) without touching the system's apt sources:
// bookworm ships 2.9, which lacks `sync_interval: always`; trixie's 2.10 build is a static Go binary.
// Skipped when NATS_SERVER_BIN points at a binary or a suitable nats-server is on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackages, hasApt, root } from './debian-packages.mjs';

const target = path.join(root, '.local/nats/usr/sbin/nats-server');

function version(bin) {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const m = /v(\d+)\.(\d+)/.exec(`${out.stdout ?? ''}${out.stderr ?? ''}`);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
const ok = (v) => v && (v[0] > 2 || (v[0] === 2 && v[1] >= 10));

export function ensureNats() {
  for (const bin of [process.env.NATS_SERVER_BIN, target, 'nats-server'].filter(Boolean)) {
    if (ok(version(bin))) return bin;
  }
  if (!hasApt()) {
    throw new Error(
      'nats-server >= 2.10 is needed: install it (https://nats.io) and set NATS_SERVER_BIN, or set NATS_URL',
    );
  }
  console.log('[setup] fetching nats-server 2.10 (Debian trixie package) into .local/nats ...');
  fetchDebianPackages({ release: 'trixie', packages: ['nats-server'], dest: path.join(root, '.local/nats') });
  if (!existsSync(target) || !ok(version(target)))
    throw new Error(`unpacked nats-server but ${target} is not nats-server >= 2.10`);
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureNats());
