import { Client } from 'pg';

/**
 * A comparable description of one schema's tables: columns (type, nullability, whether they have a
 * default), primary keys, unique and plain indexes (by name and columns) and foreign keys. Used by
 * the drift check: migrated database vs. what the Prisma schema describes.
 * Normalised so that equivalent spellings compare equal: `now()` = `CURRENT_TIMESTAMP`, identity
 * columns = serial (`autoincrement()`). Index predicates (partial indexes) are not compared: Prisma
 * cannot express them. A partitioned table is compared as its parent (Prisma sees one table); its
 * partitions are not listed.
 */
export interface SchemaCatalog {
  tables: Record<string, { columns: Record<string, string>; indexes: string[]; foreignKeys: string[] }>;
}

const IGNORED_TABLES = new Set(['_prisma_migrations']);

export async function describeSchema(connectionString: string, schema: string): Promise<SchemaCatalog> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      type: string;
      not_null: boolean;
      default_kind: string;
    }>(
      `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS not_null,
              CASE WHEN a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' THEN 'autoincrement'
                   WHEN pg_get_expr(d.adbin, d.adrelid) IN ('now()', 'CURRENT_TIMESTAMP') THEN 'now'
                   WHEN d.adbin IS NULL THEN 'none'
                   ELSE pg_get_expr(d.adbin, d.adrelid) END AS default_kind
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = $1
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped
        ORDER BY 1, 2`,
      [schema],
    );
    const indexes = await client.query<{ table_name: string; description: string }>(
      `SELECT t.relname AS table_name,
              i.relname || CASE WHEN x.indisprimary THEN ' primary' WHEN x.indisunique THEN ' unique' ELSE '' END ||
              ' (' || (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                         FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')' AS description
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid AND NOT t.relispartition
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = $1
        ORDER BY 1, 2`,
      [schema],
    );
    const foreignKeys = await client.query<{ table_name: string; description: string }>(
      `SELECT t.relname AS table_name, pg_get_constraintdef(c.oid) AS description
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = $1
        WHERE c.contype = 'f'
        ORDER BY 1, 2`,
      [schema],
    );
    const catalog: SchemaCatalog = { tables: {} };
    const table = (name: string) => (catalog.tables[name] ??= { columns: {}, indexes: [], foreignKeys: [] });
    for (const c of columns.rows) {
      if (IGNORED_TABLES.has(c.table_name)) continue;
      table(c.table_name).columns[c.column_name] =
        `${c.type}${c.not_null ? ' not null' : ''} default:${c.default_kind}`;
    }
    for (const i of indexes.rows)
      if (!IGNORED_TABLES.has(i.table_name)) table(i.table_name).indexes.push(i.description);
    for (const f of foreignKeys.rows)
      if (!IGNORED_TABLES.has(f.table_name)) table(f.table_name).foreignKeys.push(f.description);
    return catalog;
  } finally {
    await client.end();
  }
}
