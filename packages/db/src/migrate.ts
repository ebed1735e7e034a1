import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { ident, literal } from './identifiers';

/**
 * Applies Prisma-layout SQL migrations (`<dir>/<timestamp>_<name>/migration.sql`) without the Prisma
 * migration engine, which cannot be downloaded on our machines (see ../shared/PLATFORM.md).
 *
 * - One runner at a time per schema: a session advisory lock, so replicas starting together and a
 *   k8s migration Job can race safely.
 * - Each migration runs in its own transaction together with its bookkeeping row, so a failure
 *   leaves neither half-applied DDL nor a record of it.
 * - Bookkeeping uses Prisma's own `_prisma_migrations` table and checksum (SHA-256 of the file), so
 *   `prisma migrate deploy` can take over wherever its engine is available.
 * - An applied migration whose file changed afterwards stops the run: edit history with a new
 *   migration, never in place.
 */
export interface MigrateOptions {
  /** A connection allowed to create objects in `schema` (the service's migrator role, or an admin). */
  connectionString: string;
  schema: string;
  migrationsDir: string;
  log?: (message: string) => void;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Same columns and types as the table `prisma migrate` creates. */
const BOOKKEEPING_DDL = (schema: string) => `
CREATE TABLE IF NOT EXISTS ${ident(schema)}."_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The schema's default privileges give the runtime role DML on every table, this one included; a
 * compromised service could then mark a pending (say, RLS) migration as applied. Only the owner writes it.
 */
const REVOKE_BOOKKEEPING_WRITES = (schema: string) => `
DO $revoke$
DECLARE r record;
BEGIN
  FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
            WHERE table_schema = ${literal(schema)} AND table_name = '_prisma_migrations'
              AND grantee <> current_user AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
  LOOP
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I."_prisma_migrations" FROM %I', ${literal(schema)}, r.grantee);
  END LOOP;
END
$revoke$`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const { schema, log = () => undefined } = options;
  const files = await readMigrations(options.migrationsDir);
  const client = new Client({ connectionString: options.connectionString });
  await client.connect();
  const lockKey = `plh-migrate:${schema}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists, which a
    // provisioned migrator role does not have: only create when missing (admin runs, tests).
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${ident(schema)}`);
    await client.query(BOOKKEEPING_DDL(schema));
    await client.query(REVOKE_BOOKKEEPING_WRITES(schema));
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${ident(schema)}."_prisma_migrations"
       WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const file of files) {
      const row = applied.get(file.name);
      if (row) {
        if (!row.finished_at)
          throw new MigrationError(`${schema}: migration ${file.name} started but never finished; resolve it by hand`);
        if (row.checksum !== file.checksum) {
          throw new MigrationError(
            `${schema}: migration ${file.name} was modified after it was applied (checksum mismatch)`,
          );
        }
        result.alreadyApplied.push(file.name);
        continue;
      }
      await applyOne(client, schema, file);
      log(`${schema}: applied ${file.name}`);
      result.applied.push(file.name);
    }
    const known = new Set(files.map((f) => f.name));
    for (const name of applied.keys()) {
      if (!known.has(name)) log(`${schema}: warning: applied migration ${name} has no folder here (newer code ran?)`);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: Client, schema: string, file: MigrationFile): Promise<void> {
  try {
    await client.query('BEGIN');
    // Unqualified names in a migration land in the service's own schema.
    await client.query(`SET LOCAL search_path TO ${ident(schema)}`);
    await client.query(file.sql);
    await client.query(
      `INSERT INTO ${ident(schema)}."_prisma_migrations"
         (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, now(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`${schema}: migration ${file.name} failed and was rolled back: ${reason}`);
  }
}
