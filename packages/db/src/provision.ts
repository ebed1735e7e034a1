import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ident, literal } from './identifiers';

/** The services that own a schema. The gateway owns no data. */
export const DATA_SERVICES = ['tenant', 'core', 'proof', 'notification', 'compliance'] as const;
export type DataService = (typeof DATA_SERVICES)[number];

export interface ServiceRoles {
  schema: string;
  migrator: string;
  app: string;
  /** NOLOGIN; the only role append-only tables let UPDATE or DELETE (retention work, by an administrator). */
  maintenance: string;
}

/** Role names are derived, never configured, so a grep for `plh_core_app` finds every use. */
export function rolesOf(schema: string): ServiceRoles {
  return {
    schema,
    migrator: `plh_${schema}_migrator`,
    app: `plh_${schema}_app`,
    maintenance: `plh_${schema}_maintenance`,
  };
}

export interface ServicePasswords {
  migratorPassword: string;
  appPassword: string;
}

// Inside the package (sql/ beside src/ and dist/), so a deployed image that holds @plh/db holds it too.
const TEMPLATE_PATH = path.resolve(__dirname, '../sql/provision.sql');

/** Renders packages/db/sql/provision.sql for one schema; identifiers and literals are quoted here. */
export function renderProvisionSql(schema: string, passwords: ServicePasswords): string {
  const roles = rolesOf(schema);
  const values: Record<string, string> = {
    schema: ident(roles.schema),
    migrator: ident(roles.migrator),
    app: ident(roles.app),
    maintenance: ident(roles.maintenance),
    maintenance_literal: literal(roles.maintenance),
    schema_literal: literal(roles.schema),
    migrator_literal: literal(roles.migrator),
    app_literal: literal(roles.app),
    migrator_password: literal(passwords.migratorPassword),
    app_password: literal(passwords.appPassword),
  };
  return readFileSync(TEMPLATE_PATH, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`provision.sql: unknown placeholder {{${key}}}`);
    return value;
  });
}

/**
 * Creates (or updates) the schema and roles of one service. Needs an administrator connection.
 */
export async function provisionService(
  adminUrl: string,
  schema: string,
  passwords: ServicePasswords,
): Promise<ServiceRoles> {
  const sql = renderProvisionSql(schema, passwords);
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
      return rolesOf(schema);
    } catch (err) {
      if (attempt >= 5 || !isRoleRace(err)) throw err;
    } finally {
      await client.end();
    }
  }
}

/**
 * Roles are cluster-wide while advisory locks are per database, so provisioning two databases of one
 * cluster at once can collide on the same role row; the statement is idempotent, so retry.
 */
function isRoleRace(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23505' || code === 'XX000' || code === '40001';
}

/** The same server and database as `baseUrl`, logged in as another role. */
export function withCredentials(baseUrl: string, user: string, password: string): string {
  const url = new URL(baseUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.toString();
}
