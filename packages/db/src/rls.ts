import { ident } from './identifiers';

/** The per-transaction setting that row-level security policies compare `tenant_id` with. */
export const TENANT_SETTING = 'app.tenant_id';

/**
 * SQL that makes a tenant-scoped table visible only to the tenant named in `app.tenant_id`, for
 * every role but the table's owner (the schema's migrator role): the runtime role never owns, so
 * the policy always applies to the service, while data migrations (backfills) still see all rows.
 * With the setting unset, `current_setting(..., true)` is NULL (or '' on a pooled connection
 * that had one set before) and no row matches: fail closed.
 * The column is compared as text, so it may be `text` or `uuid` (the tenant service's tables).
 * Paste the output into a migration (`plh-db rls <schema>.<table>` prints it).
 */
export function tenantRlsSql(schema: string, table: string, column = 'tenant_id'): string {
  const qualified = `${ident(schema)}.${ident(table)}`;
  const predicate = `${ident(column)}::text = current_setting('${TENANT_SETTING}', true)`;
  return [
    `ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY;`,
    `DROP POLICY IF EXISTS tenant_isolation ON ${qualified};`,
    `CREATE POLICY tenant_isolation ON ${qualified} USING (${predicate}) WITH CHECK (${predicate});`,
  ].join('\n');
}
