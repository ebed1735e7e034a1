import { ident } from '@plh/db';
import type { Pool } from 'pg';

const DAY = 24 * 3600_000;

export interface EventTableRetention {
  /** Published outbox rows are kept this long for inspection (default 7 days); unsent rows always stay. */
  sentOutboxKeepMs?: number;
  /**
   * Inbox rows are kept this long (default 30 days). It must outlast every way an event can come back:
   * the stream's max age (7 days), a recreated durable consumer replaying the stream, a dead letter
   * replayed by ops.
   */
  inboxKeepMs?: number;
}

/** Rows deleted per statement: short transactions, no long lock on a busy outbox. */
const BATCH = 5_000;

/**
 * Deletes published outbox rows and old inbox rows of one service schema. Safe to run from every
 * replica at once (each batch deletes what is there) and at any time (only rows past their keeping
 * time are touched). The relay runs it hourly.
 */
export async function pruneEventTables(
  pool: Pool,
  schema: string,
  retention: EventTableRetention = {},
): Promise<{ outbox: number; inbox: number }> {
  const s = ident(schema);
  const outbox = await deleteInBatches(
    pool,
    `DELETE FROM ${s}.outbox WHERE seq IN (
       SELECT seq FROM ${s}.outbox
        WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => $1::double precision / 1000)
        LIMIT ${BATCH})`,
    retention.sentOutboxKeepMs ?? 7 * DAY,
  );
  const inbox = await deleteInBatches(
    pool,
    `DELETE FROM ${s}.inbox WHERE (consumer, event_id) IN (
       SELECT consumer, event_id FROM ${s}.inbox
        WHERE processed_at < now() - make_interval(secs => $1::double precision / 1000)
        LIMIT ${BATCH})`,
    retention.inboxKeepMs ?? 30 * DAY,
  );
  return { outbox, inbox };
}

async function deleteInBatches(pool: Pool, sql: string, keepMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(sql, [keepMs]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return total;
  }
}
