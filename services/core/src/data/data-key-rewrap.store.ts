import type { Pool } from 'pg';
import type { DataKeyRewrapStore } from '../domain/rewrap-data-keys';

/**
 * SYSTEM ACCESS (all tenants): run as the schema's migrator role, which owns the table and so is not
 * bound by its row-level security. Only the key-rotation command uses it.
 */
export function dataKeyRewrapStore(pool: Pool): DataKeyRewrapStore {
  return {
    async stale(activeId, limit) {
      const { rows } = await pool.query<{ tenant_id: string; wrapped_key: string; master_key_id: string }>(
        'SELECT tenant_id::text, wrapped_key, master_key_id FROM core.tenant_data_key WHERE master_key_id <> $1 LIMIT $2',
        [activeId, limit],
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, wrappedKey: r.wrapped_key, masterKeyId: r.master_key_id }));
    },
    async replace(row, next) {
      const { rowCount } = await pool.query(
        `UPDATE core.tenant_data_key SET wrapped_key = $1, master_key_id = $2, rewrapped_at = now()
          WHERE tenant_id = $3::uuid AND wrapped_key = $4`,
        [next.wrappedKey, next.masterKeyId, row.tenantId, row.wrappedKey],
      );
      return rowCount === 1;
    },
  };
}
