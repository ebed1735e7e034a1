#!/usr/bin/env node
// Every process of this repo (services, scripts, tests, benches) runs on one pinned Node.js LTS,
// named in `.node-version` (the only place the version is written). A machine whose `node` is of
// the pinned major uses it as it is; otherwise the pinned release is unpacked into `.local/node`
// (git-ignored) from the npm registry's `node-<platform>-<arch>` package, which carries the official
// binary, so nothing is installed system-wide and only the npm registry has to be reachable.
// `npm pack` checks the tarball against the registry's sha512 integrity.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PINNED_NODE = readFileSync(path.join(root, '.node-version'), 'utf8').trim();
export const PINNED_MAJOR = Number(PINNED_NODE.split('.')[0]);
const localDir = path.join(root, '.local/node');
const localBin = path.join(localDir, 'bin/node');

function versionOf(bin) {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim().replace(/^v/, '') : undefined;
}

function fetchPinnedNode() {
  const pkg = `node-${process.platform}-${process.arch}@${PINNED_NODE}`;
  const staging = path.join(root, '.local/node.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  console.log(`[setup] this is Node ${process.version}; fetching Node ${PINNED_NODE} (${pkg}) into .local/node ...`);
  try {
    execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', staging], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const tarball = readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack produced no tarball');
    execFileSync('tar', ['-xzf', tarball, '--strip-components=1'], { cwd: staging });
    rmSync(path.join(staging, tarball));
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    const reason = (err.stderr?.toString().trim() || err.message).split('\n').slice(-3).join(' ');
    throw new Error(
      `Node.js ${PINNED_MAJOR} is required (this is ${process.version}) and ${pkg} could not be fetched ` +
        `from the npm registry (${reason}). Install Node.js ${PINNED_NODE} (https://nodejs.org/en/download, ` +
        `or e.g. \`nvm install ${PINNED_NODE}\`) and run again.`,
    );
  }
  rmSync(localDir, { recursive: true, force: true });
  renameSync(staging, localDir);
  const got = versionOf(localBin);
  if (got !== PINNED_NODE)
    throw new Error(`unpacked ${pkg} into .local/node, but its node reports ${got ?? 'nothing'}`);
}

/**
 * The Node.js binary to run everything with: this process's own when it is of the pinned major,
 * else `.local/node/bin/node` (fetched on first use). `dir` goes first on PATH for child processes.
 */
export function ensureNode() {
  if (Number(process.versions.node.split('.')[0]) === PINNED_MAJOR) {
    return { bin: process.execPath, dir: path.dirname(process.execPath), version: process.versions.node };
  }
  if (!existsSync(localBin) || versionOf(localBin) !== PINNED_NODE) fetchPinnedNode();
  return { bin: localBin, dir: path.dirname(localBin), version: PINNED_NODE };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureNode().bin);
  } catch (err) {
    console.error(`[setup] ${err.message}`);
    process.exit(1);
  }
}
