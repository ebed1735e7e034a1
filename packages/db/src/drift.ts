import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { describeSchema, type SchemaCatalog } from './catalog';
import { migrate } from './migrate';

const run = promisify(execFile);

/** Env that keeps the Prisma CLI from downloading native engines it does not need (PLATFORM.md). */
export const PRISMA_OFFLINE_ENV = {
  PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
  PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

/**
 * The SQL Prisma would write for `schema.prisma` from nothing (`prisma migrate diff --from-empty`),
 * through the CLI's wasm engine. The CLI wants a reachable database for its adapter config, though
 * it reads nothing from it.
 */
export async function prismaSchemaSql(serviceDir: string, databaseUrl: string): Promise<string> {
  const prisma = path.join(serviceDir, 'node_modules', '.bin', 'prisma');
  const { stdout } = await run(
    prisma,
    [
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema-datamodel',
      path.join(serviceDir, 'prisma', 'schema.prisma'),
      '--script',
    ],
    {
      cwd: serviceDir,
      env: { ...process.env, ...PRISMA_OFFLINE_ENV, MIGRATION_DATABASE_URL: databaseUrl },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return stdout;
}

export interface DriftReport {
  migrated: SchemaCatalog;
  prisma: SchemaCatalog;
}

/**
 * Drift check: applies the service's migrations to `migratedDbUrl`, applies Prisma's own idea of the
 * schema to the empty `prismaDbUrl`, and describes both. Equal catalogs mean the generated client
 * matches the tables it will query.
 */
export async function compareWithPrisma(input: {
  serviceDir: string;
  schema: string;
  migratedDbUrl: string;
  prismaDbUrl: string;
}): Promise<DriftReport> {
  await migrate({
    connectionString: input.migratedDbUrl,
    schema: input.schema,
    migrationsDir: path.join(input.serviceDir, 'prisma', 'migrations'),
  });
  const sql = await prismaSchemaSql(input.serviceDir, input.prismaDbUrl);
  const client = new Client({ connectionString: input.prismaDbUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${input.schema}"`);
    await client.query(sql);
  } finally {
    await client.end();
  }
  const [migrated, prisma] = await Promise.all([
    describeSchema(input.migratedDbUrl, input.schema),
    describeSchema(input.prismaDbUrl, input.schema),
  ]);
  return { migrated, prisma };
}
