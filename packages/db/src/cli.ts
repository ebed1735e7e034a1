#!/usr/bin/env node
/**
 * plh-db: database chores for ops and for the k8s migrations Job.
 *   plh-db migrate <schema> <migrations-dir>   (MIGRATION_DATABASE_URL: the schema's migrator role)
 *   plh-db provision <schema>                 (ADMIN_DATABASE_URL, PLH_DB_MIGRATOR_PASSWORD, PLH_DB_APP_PASSWORD)
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

async function main(argv: string[]): Promise<void> {
  const [command, a, b] = argv;
  if (command === 'migrate' && a && b) {
    const result = await migrate({
      connectionString: need('MIGRATION_DATABASE_URL'),
      schema: a,
      migrationsDir: b,
      log: console.error,
    });
    console.error(`${a}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  } else if (command === 'provision' && a) {
    await provisionService(need('ADMIN_DATABASE_URL'), a, {
      migratorPassword: need('PLH_DB_MIGRATOR_PASSWORD'),
      appPassword: need('PLH_DB_APP_PASSWORD'),
    });
    console.error(`${a}: schema and roles provisioned`);
  } else if (command === 'rls' && a?.includes('.')) {
    const [schema, table] = a.split('.') as [string, string];
    process.stdout.write(`${tenantRlsSql(schema, table)}\n`);
  } else {
    console.error('usage: plh-db migrate <schema> <dir> | provision <schema> | rls <schema>.<table>');
    process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`plh-db: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
