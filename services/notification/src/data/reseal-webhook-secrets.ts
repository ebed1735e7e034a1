import { SecretBox } from '@plh/storage';
import type { Pool } from 'pg';
import { secretBinding } from './webhook-endpoint.repository';

/**
 * Seals every endpoint's secrets that are not under the active key (or not sealed at all), a batch of
 * rows per transaction, each row locked while it changes. Across practices: run as the migrator role,
 * which owns the table (row-level security applies to the runtime role only). Answers how many
 * secrets it sealed.
 */
export async function resealWebhookSecrets(pool: Pool, box: SecretBox, batch = 200): Promise<number> {
  const reseal = (value: string, id: string) =>
    box.seal(SecretBox.isSealed(value) ? box.open(value, secretBinding(id)) : value, secretBinding(id));
  const stale = (value: string | null) => value !== null && !box.isCurrent(value);
  let resealed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; secret: string; previous_secret: string | null }>(
        `SELECT id, secret, previous_secret FROM notification.webhook_endpoint
          WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`,
        [after, batch],
      );
      for (const row of rows) {
        if (!stale(row.secret) && !stale(row.previous_secret)) continue;
        await client.query('UPDATE notification.webhook_endpoint SET secret = $2, previous_secret = $3 WHERE id = $1', [
          row.id,
          reseal(row.secret, row.id),
          row.previous_secret === null ? null : reseal(row.previous_secret, row.id),
        ]);
        resealed += Number(stale(row.secret)) + Number(stale(row.previous_secret));
      }
      await client.query('COMMIT');
      if (rows.length < batch) return resealed;
      after = rows[rows.length - 1]!.id;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
