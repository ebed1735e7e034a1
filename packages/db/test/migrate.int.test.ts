import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@plh/test-kit';
import { migrate, MigrationError } from '../src';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plh-mig-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(() => db.drop());

  const first = 'CREATE TABLE note (id text PRIMARY KEY, body text NOT NULL);';
  const second = 'ALTER TABLE note ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();';

  it('applies folders in order, records them like prisma migrate, and is a no-op the second time', async () => {
    const dir = migrationsDir({ '20260101000000_init': first, '20260102000000_created_at': second });
    const run1 = await migrate({ connectionString: db.adminUrl, schema: 'svc', migrationsDir: dir });
    expect(run1.applied).toEqual(['20260101000000_init', '20260102000000_created_at']);
    const run2 = await migrate({ connectionString: db.adminUrl, schema: 'svc', migrationsDir: dir });
    expect(run2).toEqual({ applied: [], alreadyApplied: run1.applied });

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      db.adminUrl,
      'SELECT migration_name, checksum, finished_at FROM svc._prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(run1.applied);
    expect(rows[0]?.checksum).toBe(createHash('sha256').update(first).digest('hex'));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    const columns = await query<{ column_name: string }>(
      db.adminUrl,
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'svc' AND table_name = 'note' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'body', 'created_at']);
  });

  it('refuses to continue when an applied migration was edited', async () => {
    const dir = migrationsDir({ '20260101000000_init': first });
    await migrate({ connectionString: db.adminUrl, schema: 'svc', migrationsDir: dir });
    writeFileSync(path.join(dir, '20260101000000_init', 'migration.sql'), `${first}\n-- edited`);
    await expect(migrate({ connectionString: db.adminUrl, schema: 'svc', migrationsDir: dir })).rejects.toThrow(
      /modified after it was applied/,
    );
  });

  it('rolls a failing migration back completely and records nothing', async () => {
    const broken = 'CREATE TABLE half (id int); SELECT no_such_function();';
    const dir = migrationsDir({ '20260101000000_init': first, '20260102000000_broken': broken });
    await expect(migrate({ connectionString: db.adminUrl, schema: 'svc', migrationsDir: dir })).rejects.toBeInstanceOf(
      MigrationError,
    );
    const tables = await query<{ table_name: string }>(
      db.adminUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'svc' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'note']);
    const names = await query<{ migration_name: string }>(
      db.adminUrl,
      'SELECT migration_name FROM svc._prisma_migrations',
    );
    expect(names.map((n) => n.migration_name)).toEqual(['20260101000000_init']);
  });

  it('lets several runners start at once and applies each migration exactly once', async () => {
    const dir = migrationsDir({ '20260101000000_init': first, '20260102000000_created_at': second });
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => migrate({ connectionString: db.adminUrl, schema: 'svc', migrationsDir: dir })),
    );
    expect(runs.flatMap((r) => r.applied).sort()).toEqual(['20260101000000_init', '20260102000000_created_at']);
    const [{ count }] = (await query<{ count: string }>(
      db.adminUrl,
      'SELECT count(*) FROM svc._prisma_migrations',
    )) as [{ count: string }];
    expect(Number(count)).toBe(2);
  });
});
