#!/usr/bin/env node
// Obtains nats-server >= 2.10 into .local/nats (git-ignored) without touching the system's apt sources:
// bookworm ships 2.9, which lacks `sync_interval: always`; trixie's 2.10 build is a static Go binary.
// Skipped when NATS_SERVER_BIN points at a binary or a suitable nats-server is on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
  if (spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(
      'nats-server >= 2.10 is needed: install it (https://nats.io) and set NATS_SERVER_BIN, or set NATS_URL',
    );
  }
  console.log('[setup] fetching nats-server 2.10 (Debian trixie package) into .local/nats ...');
  const apt = path.join(root, '.local/apt');
  mkdirSync(path.join(apt, 'lists/partial'), { recursive: true });
  mkdirSync(path.join(apt, 'cache/archives/partial'), { recursive: true });
  writeFileSync(path.join(apt, 'sources.list'), 'deb http://deb.debian.org/debian trixie main\n');
  const opts = [
    '-o',
    `Dir::Etc::sourcelist=${path.join(apt, 'sources.list')}`,
    '-o',
    'Dir::Etc::sourceparts=-',
    '-o',
    `Dir::State::Lists=${path.join(apt, 'lists')}`,
    '-o',
    `Dir::Cache=${path.join(apt, 'cache')}`,
    '-o',
    'APT::Sandbox::User=root',
    '-qq',
  ];
  execFileSync('apt-get', [...opts, 'update'], { stdio: 'inherit' });
  execFileSync('apt-get', [...opts, 'download', 'nats-server'], { cwd: apt, stdio: 'inherit' });
  const deb = readdirSync(apt).find((f) => f.startsWith('nats-server_') && f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download nats-server produced no .deb');
  execFileSync('dpkg', ['-x', path.join(apt, deb), path.join(root, '.local/nats')], { stdio: 'inherit' });
  if (!existsSync(target) || !ok(version(target)))
    throw new Error(`unpacked ${deb} but ${target} is not nats-server >= 2.10`);
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureNats());
