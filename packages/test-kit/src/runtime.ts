import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root: the nearest folder above this package that holds `.node-version`. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.node-version'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no .node-version above packages/test-kit');
  }
}

/**
 * The Node.js release every process of the repo runs on (`.node-version`), and the binary the
 * bootstrap unpacks when the machine's own Node.js is of another major.
 */
export function pinnedNode(): { version: string; major: number; localBin: string } {
  const root = repoRoot();
  const version = readFileSync(path.join(root, '.node-version'), 'utf8').trim();
  return { version, major: Number(version.split('.')[0]), localBin: path.join(root, '.local/node/bin/node') };
}
