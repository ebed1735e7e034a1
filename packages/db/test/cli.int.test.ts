import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@plh/test-kit';
import { withCredentials } from '../src';

const cli = path.join(__dirname, '../dist/cli.js');

function plhDb(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('plh-db provision (docker compose provisions every schema in one run)', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(() => db.drop());

  it('provisions several schemas, each with its own passwords or else the shared ones', async () => {
    const [a, b] = [`cli_a_${randomBytes(3).toString('hex')}`, `cli_b_${randomBytes(3).toString('hex')}`];
    const run = plhDb(['provision', a, b], {
      ADMIN_DATABASE_URL: db.adminUrl,
      [`PLH_DB_${a.toUpperCase()}_APP_PASSWORD`]: 'a-app-secret',
      [`PLH_DB_${a.toUpperCase()}_MIGRATOR_PASSWORD`]: 'a-migrator-secret',
      PLH_DB_APP_PASSWORD: 'shared-app-secret',
      PLH_DB_MIGRATOR_PASSWORD: 'shared-migrator-secret',
    });
    expect(run.stderr).toContain(`${b}: schema and roles provisioned`);
    expect(run.status).toBe(0);
    expect(await canLogIn(withCredentials(db.adminUrl, `plh_${a}_app`, 'a-app-secret'))).toBe(true);
    expect(await canLogIn(withCredentials(db.adminUrl, `plh_${a}_migrator`, 'a-migrator-secret'))).toBe(true);
    expect(await canLogIn(withCredentials(db.adminUrl, `plh_${a}_app`, 'shared-app-secret'))).toBe(false);
    expect(await canLogIn(withCredentials(db.adminUrl, `plh_${b}_app`, 'shared-app-secret'))).toBe(true);
  });

  it('changes nothing when a schema has no password to use', async () => {
    const [a, b] = [`cli_c_${randomBytes(3).toString('hex')}`, `cli_d_${randomBytes(3).toString('hex')}`];
    const run = plhDb(['provision', a, b], {
      ADMIN_DATABASE_URL: db.adminUrl,
      [`PLH_DB_${a.toUpperCase()}_APP_PASSWORD`]: 'x',
      [`PLH_DB_${a.toUpperCase()}_MIGRATOR_PASSWORD`]: 'y',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PLH_DB_MIGRATOR_PASSWORD is required');
    const admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    try {
      const roles = await admin.query('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`plh_${a}_%`]);
      expect(roles.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
