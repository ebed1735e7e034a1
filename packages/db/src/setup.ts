import { migrate, type MigrateResult } from './migrate';
import { provisionService, rolesOf, withCredentials, type ServicePasswords } from './provision';

export interface ServiceDatabase {
  schema: string;
  /** What the service connects as at run time (DML only, RLS applies). */
  appUrl: string;
  /** What migrations run as (owns the schema). */
  migratorUrl: string;
  migration: MigrateResult;
}

/**
 * Provision + migrate one service's schema on the database of `adminUrl`: what `npm start`, the
 * migrations Job and integration tests do before a service starts.
 */
export async function setupServiceDatabase(
  adminUrl: string,
  schema: string,
  migrationsDir: string,
  passwords: ServicePasswords,
  log?: (message: string) => void,
): Promise<ServiceDatabase> {
  const roles = rolesOf(schema);
  await provisionService(adminUrl, schema, passwords);
  const migratorUrl = withCredentials(adminUrl, roles.migrator, passwords.migratorPassword);
  const appUrl = withCredentials(adminUrl, roles.app, passwords.appPassword);
  const migration = await migrate({ connectionString: migratorUrl, schema, migrationsDir, ...(log ? { log } : {}) });
  return { schema, appUrl, migratorUrl, migration };
}
