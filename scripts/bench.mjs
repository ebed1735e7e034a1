#!/usr/bin/env node
// `pnpm bench [outbox|gateway|core|proof|storage|compliance|audit|notification|load|faults]` (load and faults, the
// fault suite of `pnpm faults`: not part of the full run): bootstraps (the pinned Node.js included) and runs the
// benchmarks in bench/ on it, all of them or the one named.
import { bootstrap, run } from './bootstrap.mjs';

const which = process.argv[2];
const NAMES = [
  'outbox',
  'gateway',
  'core',
  'proof',
  'storage',
  'compliance',
  'audit',
  'notification',
  'runtimes',
  'load',
  'faults',
];
try {
  if (which && !NAMES.includes(which)) throw new Error(`unknown benchmark "${which}" (one of ${NAMES.join(', ')})`);
  bootstrap({ quiet: true });
  run('pnpm', ['--filter', '@plh/bench', 'run', which ? `bench:${which}` : 'bench']);
} catch (err) {
  console.error(`[bench] ${err.message}`);
  process.exit(1);
}
