#!/usr/bin/env node
// Obtains promtool (Prometheus's rule and config checker) into .local/prometheus from Debian bookworm's
// `prometheus` package, unpacked without root apt state like nats-server and redis: the test suite
// checks and unit-tests infrastructure/monitoring's alert rules with it. PROMTOOL_BIN overrides it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackages, hasApt, root } from './debian-packages.mjs';

const prefix = path.join(root, '.local/prometheus');
const local = path.join(prefix, 'usr/bin/promtool');

function works(bin) {
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.includes('promtool') ?? false;
}

export function ensurePromtool() {
  for (const bin of [process.env.PROMTOOL_BIN, local, 'promtool'].filter(Boolean)) {
    if (works(bin)) return bin;
  }
  if (!hasApt()) throw new Error('no promtool for the alert-rule tests: install Prometheus 2.x or set PROMTOOL_BIN');
  console.log('[setup] fetching promtool (Debian bookworm prometheus) into .local/prometheus ...');
  fetchDebianPackages({ release: 'bookworm', packages: ['prometheus'], dest: prefix });
  if (!works(local)) throw new Error(`unpacked the prometheus package but ${local} does not run`);
  return local;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePromtool());
