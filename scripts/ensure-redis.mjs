#!/usr/bin/env node
// Obtains redis-server into .local/redis (git-ignored) from Debian bookworm's packages, unpacked without
// root: redis-server is a link to redis-check-rdb in redis-tools, which needs liblzf and jemalloc
// (shipped beside it and found through LD_LIBRARY_PATH, see redisEnv()). Skipped when REDIS_SERVER_BIN
// points at a binary or redis-server is on PATH. Only tests and `npm start` without REDIS_URL use it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackages, hasApt, root } from './debian-packages.mjs';

const prefix = path.join(root, '.local/redis');
const target = path.join(prefix, 'usr/bin/redis-server');
const libDir = path.join(prefix, 'usr/lib/x86_64-linux-gnu');

/** Environment that lets the unpacked binary find its libraries. */
export function redisEnv(env = process.env) {
  return { ...env, LD_LIBRARY_PATH: [libDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
}

function works(bin) {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8', env: redisEnv() });
  return out.status === 0 && /Redis server v=\d/.test(out.stdout ?? '');
}

export function ensureRedis() {
  for (const bin of [process.env.REDIS_SERVER_BIN, target, 'redis-server'].filter(Boolean)) {
    if (works(bin)) return bin;
  }
  if (!hasApt()) {
    throw new Error('redis-server is needed: install Redis >= 6 and set REDIS_SERVER_BIN, or set REDIS_URL');
  }
  console.log('[setup] fetching redis-server (Debian bookworm packages) into .local/redis ...');
  fetchDebianPackages({
    release: 'bookworm',
    packages: ['redis-tools', 'redis-server', 'liblzf1', 'libjemalloc2'],
    dest: prefix,
  });
  if (!works(target)) throw new Error(`unpacked redis packages but ${target} does not run`);
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureRedis());
