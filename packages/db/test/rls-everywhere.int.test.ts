import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, repoRoot, type TestDatabase } from '@plh/test-kit';
import { setupServiceDatabase } from '../src';

/**
 * Tables that carry a tenant_id for routing, not for isolation: the outbox (the relay publishes
 * every practice's events), the inbox (consumer bookkeeping) and the job queue (workers claim every
 * practice's jobs; payloads are ids). Everything else with a tenant_id belongs to one practice and
 * must be under row-level security.
 */
const ALLOWED_WITHOUT_RLS = new Set(['outbox', 'inbox', 'job_queue']);

/** Every service of the repository with a database: its folder and the schema its Prisma file names. */
function servicesWithSchemas(): Array<{ service: string; schema: string; migrations: string }> {
  const servicesDir = path.join(repoRoot(), 'services');
  return readdirSync(servicesDir)
    .map((service) => ({ service, prisma: path.join(servicesDir, service, 'prisma') }))
    .filter(({ prisma }) => existsSync(path.join(prisma, 'schema.prisma')))
    .map(({ service, prisma }) => {
      const match = /schemas\s*=\s*\[\s*"([a-z_]+)"/.exec(readFileSync(path.join(prisma, 'schema.prisma'), 'utf8'));
      if (!match?.[1]) throw new Error(`${service}: schema.prisma names no schema`);
      return { service, schema: match[1], migrations: path.join(prisma, 'migrations') };
    });
}

/**
 * A guarantee a new service cannot forget: after every service's migrations, each table with a
 * tenant_id column has row-level security enabled and a policy on it.
 */
describe('row-level security on every tenant-owned table', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it('holds for the tables of every service', async () => {
    const services = servicesWithSchemas();
    expect(services.map((s) => s.service)).toEqual(expect.arrayContaining(['tenant', 'core', 'proof-engine']));
    for (const { schema, migrations } of services)
      await setupServiceDatabase(db.adminUrl, schema, migrations, {
        migratorPassword: `${schema}-m`,
        appPassword: `${schema}-a`,
      });
    const client = new Client({ connectionString: db.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string; name: string; rls: boolean; policies: number }>(
        `SELECT n.nspname || '.' || c.relname AS table, c.relname AS name, c.relrowsecurity AS rls,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
          WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
          ORDER BY 1`,
        [services.map((s) => s.schema)],
      );
      const tenantTables = rows.filter((r) => !ALLOWED_WITHOUT_RLS.has(r.name));
      expect(tenantTables.length).toBeGreaterThan(5);
      expect(tenantTables.filter((r) => !r.rls || r.policies === 0).map((r) => r.table)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
