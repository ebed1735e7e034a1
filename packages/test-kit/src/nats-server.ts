import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAndWait } from './child-process';
import { freePort } from './ports';

/** Where scripts/ensure-nats.mjs unpacks nats-server 2.10 (Debian trixie build) inside the repo. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
const REPO_NATS_BIN = path.join(REPO_ROOT, '.local/nats/usr/sbin/nats-server');

const MIN_VERSION = [2, 10];

/** Finds a nats-server >= 2.10 (needed for `sync_interval: always`): $NATS_SERVER_BIN, the repo's copy, then PATH. */
export function findNatsServerBinary(): string {
  const candidates = [process.env.NATS_SERVER_BIN, REPO_NATS_BIN, 'nats-server'].filter((c): c is string => !!c);
  const tried: string[] = [];
  for (const bin of candidates) {
    if (bin.includes('/') && !existsSync(bin)) continue;
    const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    const match = /v(\d+)\.(\d+)\.(\d+)/.exec(`${out.stdout}${out.stderr}`);
    if (!match) continue;
    const [major, minor] = [Number(match[1]), Number(match[2])];
    tried.push(`${bin} (${match[0]})`);
    if (major > MIN_VERSION[0]! || (major === MIN_VERSION[0] && minor >= MIN_VERSION[1]!)) return bin;
  }
  throw new Error(
    `no nats-server >= 2.10 found (tried: ${tried.join(', ') || 'none'}). Run \`node scripts/ensure-nats.mjs\` or set NATS_SERVER_BIN.`,
  );
}

export interface NatsServerOptions {
  port?: number;
  /** JetStream storage; a fresh temp dir by default. Reuse one across restarts to test durability. */
  storeDir?: string;
}

export interface NatsServerHandle {
  url: string;
  port: number;
  /** HTTP monitoring endpoint (`/varz`, `/jsz`, `/healthz`). */
  monitorUrl: string;
  storeDir: string;
  /** Sends a signal (SIGKILL to simulate a crash) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server and removes a store dir it created. */
  stop(): Promise<void>;
}

/**
 * JetStream flushes every write to disk before acknowledging (`sync_interval: always`): the
 * Jepsen analysis of NATS 2.12.1 showed acknowledged writes lost on crash with the default interval.
 */
export function natsConfig(port: number, storeDir: string, monitorPort?: number): string {
  return [
    `listen: 127.0.0.1:${port}`,
    ...(monitorPort ? [`http: 127.0.0.1:${monitorPort}`] : []),
    `jetstream {`,
    `  store_dir: "${storeDir}"`,
    `  sync_interval: always`,
    `}`,
    `max_payload: 1MB`,
  ].join('\n');
}

export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const bin = findNatsServerBinary();
  const port = options.port ?? (await freePort());
  const monitorPort = await freePort();
  const ownsStore = !options.storeDir;
  const storeDir = options.storeDir ?? mkdtempSync(path.join(os.tmpdir(), 'plh-nats-'));
  const configFile = path.join(storeDir, 'nats.conf');
  writeFileSync(configFile, natsConfig(port, storeDir, monitorPort));

  let child: ChildProcess | undefined;
  const launch = async () => {
    const proc = spawn(bin, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child = proc;
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`nats-server exited (${code}) during start: ${stderr}`))),
    );
    // /healthz answers ok only once JetStream has recovered its store, not merely when the port opens.
    await Promise.race([waitForHealthy(monitorPort), exited]);
  };
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => killAndWait(child, signal);
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    monitorUrl: `http://127.0.0.1:${monitorPort}`,
    storeDir,
    kill,
    restart: launch,
    stop: async () => {
      await kill('SIGTERM');
      if (ownsStore) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealthy(monitorPort: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nats-server not healthy within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
