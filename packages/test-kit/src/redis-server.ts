import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './nats-server';
import { killAndWait } from './child-process';
import { freePort } from './ports';

/** Where scripts/ensure-redis.mjs unpacks Debian's redis-server (and the libraries it needs). */
const REPO_REDIS = path.join(REPO_ROOT, '.local/redis');
const REPO_REDIS_BIN = path.join(REPO_REDIS, 'usr/bin/redis-server');
const REPO_REDIS_LIB = path.join(REPO_REDIS, 'usr/lib/x86_64-linux-gnu');

function redisEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LD_LIBRARY_PATH: [REPO_REDIS_LIB, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
}

/** $REDIS_SERVER_BIN, the repo's copy, then PATH. */
export function findRedisServerBinary(): string {
  for (const bin of [process.env.REDIS_SERVER_BIN, REPO_REDIS_BIN, 'redis-server'].filter((b): b is string => !!b)) {
    if (bin.includes('/') && !existsSync(bin)) continue;
    const out = spawnSync(bin, ['--version'], { encoding: 'utf8', env: redisEnv() });
    if (out.status === 0 && /Redis server v=/.test(out.stdout)) return bin;
  }
  throw new Error('no redis-server found. Run `node scripts/ensure-redis.mjs` or set REDIS_SERVER_BIN.');
}

export interface RedisServerHandle {
  url: string;
  port: number;
  /** Stops the server (SIGKILL simulates a crash); `restart()` brings it back on the same port. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A private, memory-only redis-server (no RDB/AOF files) on a free port. */
export async function startRedisServer(): Promise<RedisServerHandle> {
  const bin = findRedisServerBinary();
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const proc = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], env: redisEnv() });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}) during start: ${stderr}`))),
    );
    await Promise.race([waitForPing(port), exited]);
  };
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => killAndWait(child, signal);
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, kill, restart: launch, stop: () => kill('SIGTERM') };
}

/** Redis answers `+PONG` to an inline PING once it accepts commands. */
async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.setTimeout(500);
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server not answering on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
