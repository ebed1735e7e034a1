#!/usr/bin/env node
/**
 * plh-db: database chores for ops and for the k8s migrations Job.
 *   plh-db migrate <schema> <migrations-dir>   (MIGRATION_DATABASE_URL: the schema's migrator role)
 *   plh-db provision <schema> [<schema> …]    (ADMIN_DATABASE_URL; each schema's PLH_DB_<SCHEMA>_MIGRATOR_PASSWORD
 *                                             and PLH_DB_<SCHEMA>_APP_PASSWORD, else PLH_DB_MIGRATOR_PASSWORD, PLH_DB_APP_PASSWORD)
 *   plh-db rls <schema>.<table>                prints the row-level-security SQL to paste into a migration
 */
import { migrate } from './migrate';
import { provisionService } from './provision';
import { tenantRlsSql } from './rls';

function need(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`plh-db: environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

/** A schema's own passwords (PLH_DB_CORE_APP_PASSWORD), else the shared ones. */
function passwordsOf(schema: string): { migratorPassword: string; appPassword: string } {
  const own = (role: string) => process.env[`PLH_DB_${schema.toUpperCase()}_${role}_PASSWORD`];
  return {
    migratorPassword: own('MIGRATOR') ?? need('PLH_DB_MIGRATOR_PASSWORD'),
    appPassword: own('APP') ?? need('PLH_DB_APP_PASSWORD'),
  };
}

async function main(argv: string[]): Promise<void> {
  const [command, a, b] = argv;
  const schemas = argv.slice(1);
  if (command === 'migrate' && a && b) {
    const result = await migrate({
      connectionString: need('MIGRATION_DATABASE_URL'),
      schema: a,
      migrationsDir: b,
      log: console.error,
    });
    console.error(`${a}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  } else if (command === 'provision' && schemas.length > 0) {
    // Every password is read before anything changes: a missing one provisions nothing.
    const passwords = schemas.map((schema) => ({ schema, ...passwordsOf(schema) }));
    const adminUrl = need('ADMIN_DATABASE_URL');
    for (const { schema, ...roles } of passwords) {
      await provisionService(adminUrl, schema, roles);
      console.error(`${schema}: schema and roles provisioned`);
    }
  } else if (command === 'rls' && a?.includes('.')) {
    const [schema, table] = a.split('.') as [string, string];
    process.stdout.write(`${tenantRlsSql(schema, table)}\n`);
  } else {
    console.error('usage: plh-db migrate <schema> <dir> | provision <schema> [<schema> …] | rls <schema>.<table>');
    process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`plh-db: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
