import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testAdminDatabaseUrl } from './test-env';

export interface TestDatabase {
  name: string;
  /** Superuser URL of this database. */
  adminUrl: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

/** A fresh, empty database on the run's server: test files keep apart by database, never by truncation. */
export async function createTestDatabase(prefix = 'plh_test'): Promise<TestDatabase> {
  const serverUrl = testAdminDatabaseUrl();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await runAdmin(serverUrl, `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = `/${name}`;
  return {
    name,
    adminUrl: adminUrl.toString(),
    drop: () => runAdmin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function runAdmin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
