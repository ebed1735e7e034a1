// Unpacks Debian packages into a folder inside the repo (git-ignored .local/) without root-only apt
// state or touching the system's sources: `apt-get download` with private lists/cache, then `dpkg -x`.
// Used for servers the suite needs that npm does not ship (nats-server 2.10, redis-server).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function hasApt() {
  return spawnSync('apt-get', ['--version']).status === 0;
}

/**
 * Downloads `packages` from `release` (e.g. "bookworm", "trixie") and extracts each into `dest`.
 * Dependencies are not resolved: list every package whose files are needed.
 */
export function fetchDebianPackages({ release, packages, dest }) {
  const apt = path.join(root, '.local/apt', release);
  mkdirSync(path.join(apt, 'lists/partial'), { recursive: true });
  mkdirSync(path.join(apt, 'cache/archives/partial'), { recursive: true });
  writeFileSync(path.join(apt, 'sources.list'), `deb http://deb.debian.org/debian ${release} main\n`);
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
  execFileSync('apt-get', [...opts, 'download', ...packages], { cwd: apt, stdio: 'inherit' });
  for (const name of packages) {
    const deb = readdirSync(apt).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${name} produced no .deb`);
    execFileSync('dpkg', ['-x', path.join(apt, deb), dest], { stdio: 'inherit' });
  }
}
