import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@plh/test-kit';
import { setupServiceDatabase, tenantRlsSql, type ServiceDatabase } from '../src';

const passwords = { migratorPassword: 'test-migrator-pw', appPassword: 'test-app-pw' };

function migrationsFor(schema: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plh-rls-'));
  const sql = [
    'CREATE TABLE note (id text PRIMARY KEY, tenant_id text NOT NULL, body text NOT NULL);',
    tenantRlsSql(schema, 'note'),
  ].join('\n');
  mkdirSync(path.join(dir, '20260101000000_init'));
  writeFileSync(path.join(dir, '20260101000000_init', 'migration.sql'), sql);
  return dir;
}

async function as<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs statements in one transaction with app.tenant_id set, as withTenant() does for Prisma. */
function inTenant(url: string, tenantId: string | null, statements: string[]) {
  return as(url, async (c) => {
    await c.query('BEGIN');
    try {
      if (tenantId) await c.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      const results = [];
      for (const sql of statements) results.push((await c.query(sql)).rows);
      await c.query('COMMIT');
      return results;
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    }
  });
}

describe('schema-per-service roles and row-level security', () => {
  let db: TestDatabase;
  let core: ServiceDatabase;
  let tenant: ServiceDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    core = await setupServiceDatabase(db.adminUrl, 'core', migrationsFor('core'), passwords);
    tenant = await setupServiceDatabase(db.adminUrl, 'tenant', migrationsFor('tenant'), passwords);
    await inTenant(tenant.appUrl, 'tenant-a', ["INSERT INTO tenant.note VALUES ('t1', 'tenant-a', 'secret')"]);
    await inTenant(core.appUrl, 'tenant-a', ["INSERT INTO core.note VALUES ('a1', 'tenant-a', 'from A')"]);
    await inTenant(core.appUrl, 'tenant-b', ["INSERT INTO core.note VALUES ('b1', 'tenant-b', 'from B')"]);
  });
  afterAll(() => db.drop());

  it("a service role cannot read another service's schema", async () => {
    await expect(inTenant(core.appUrl, 'tenant-a', ['SELECT * FROM tenant.note'])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(inTenant(tenant.appUrl, 'tenant-a', ['SELECT * FROM core.note'])).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('the runtime role cannot rewrite migration bookkeeping', async () => {
    await expect(
      inTenant(core.appUrl, null, ["UPDATE core._prisma_migrations SET checksum = 'forged'"]),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('the runtime role cannot change the schema it uses', async () => {
    await expect(inTenant(core.appUrl, null, ['CREATE TABLE core.sneaky (id int)'])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(inTenant(core.appUrl, null, ['DROP TABLE core.note'])).rejects.toMatchObject({ code: '42501' });
  });

  it('RLS returns only the current tenant rows even when the query forgets where tenant_id', async () => {
    const [rowsA] = await inTenant(core.appUrl, 'tenant-a', ['SELECT id FROM core.note']);
    const [rowsB] = await inTenant(core.appUrl, 'tenant-b', ['SELECT id FROM core.note']);
    expect(rowsA).toEqual([{ id: 'a1' }]);
    expect(rowsB).toEqual([{ id: 'b1' }]);
  });

  it('with no tenant set, the service sees nothing (fail closed); only the owning migrator role sees all, for backfills', async () => {
    const [asApp] = await inTenant(core.appUrl, null, ['SELECT id FROM core.note']);
    const [asOwner] = await inTenant(core.migratorUrl, null, ['SELECT id FROM core.note ORDER BY id']);
    expect(asApp).toEqual([]);
    expect(asOwner).toEqual([{ id: 'a1' }, { id: 'b1' }]);
  });

  it("writing or updating another tenant's rows is refused or touches nothing", async () => {
    await expect(
      inTenant(core.appUrl, 'tenant-a', ["INSERT INTO core.note VALUES ('x', 'tenant-b', 'forged')"]),
    ).rejects.toMatchObject({ code: '42501' });
    const [updated] = await inTenant(core.appUrl, 'tenant-a', [
      "UPDATE core.note SET body = 'hijacked' WHERE id = 'b1' RETURNING id",
    ]);
    expect(updated).toEqual([]);
    const [rowsB] = await inTenant(core.appUrl, 'tenant-b', ['SELECT body FROM core.note']);
    expect(rowsB).toEqual([{ body: 'from B' }]);
  });
});
