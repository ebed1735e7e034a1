import { Cron } from 'croner';
import { ident, PgExecutor } from '@plh/db';
import type { Pool } from 'pg';
import type { JobDefinition } from './define-job';
import { assertPayload } from './define-job';
import { enqueueJob } from './enqueue';

/** A job enqueued on a cron schedule (`0 2 * * *`: 02:00 daily), once per slot across every replica. */
export interface Schedule {
  /** Stable name: the row that records the next slot. */
  name: string;
  /** Five fields (minute precision) or six (seconds first). */
  cron: string;
  /** IANA zone the pattern is read in ("0 2 * * *" at 02:00 New York time). */
  timezone?: string;
  job: JobDefinition;
  payload: Record<string, unknown>;
}

/** The first slot of `schedule` strictly after `from`. */
export function nextSlot(schedule: Pick<Schedule, 'cron' | 'timezone' | 'name'>, from: Date): Date {
  const next = new Cron(schedule.cron, { timezone: schedule.timezone ?? 'UTC', paused: true }).nextRun(from);
  if (!next) throw new Error(`schedule ${schedule.name}: "${schedule.cron}" has no future slot`);
  return next;
}

/**
 * Declares this process's schedules. A changed pattern or zone starts over from the next slot; an
 * unchanged one keeps its recorded slot (a restart neither skips nor repeats a run).
 */
export async function registerSchedules(pool: Pool, schema: string, schedules: Schedule[]): Promise<void> {
  // A bad payload or pattern fails the start, not every later poll of every schedule.
  for (const s of schedules) {
    assertPayload(s.job, s.payload);
    nextSlot(s, new Date());
  }
  for (const s of schedules) {
    const zone = s.timezone ?? 'UTC';
    await pool.query(
      `INSERT INTO ${ident(schema)}.job_schedule (name, queue, cron, timezone, payload, next_run_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (name) DO UPDATE SET
         queue = EXCLUDED.queue, payload = EXCLUDED.payload, updated_at = now(),
         next_run_at = CASE WHEN job_schedule.cron = EXCLUDED.cron AND job_schedule.timezone = EXCLUDED.timezone
                            THEN job_schedule.next_run_at ELSE EXCLUDED.next_run_at END,
         cron = EXCLUDED.cron, timezone = EXCLUDED.timezone`,
      [s.name, s.job.queue, s.cron, zone, JSON.stringify(s.payload), nextSlot(s, new Date())],
    );
  }
}

/**
 * Enqueues the job of every schedule whose slot has come, and moves the schedule to its next slot in
 * the same transaction. Replicas race for the row lock; the loser skips the row (SKIP LOCKED) or, having
 * waited, no longer finds it due. Slots missed while nothing ran are run once, not once each.
 */
export async function dueSchedules(
  pool: Pool,
  schema: string,
  schedules: Schedule[],
  log: { warn(obj: object, msg: string): void },
): Promise<number> {
  const byName = new Map(schedules.map((s) => [s.name, s]));
  const client = await pool.connect();
  let enqueued = 0;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path = ${ident(schema)}`);
    const { rows } = await client.query<{ name: string; next_run_at: Date }>(
      `SELECT name, next_run_at FROM job_schedule
        WHERE name = ANY($1::text[]) AND next_run_at <= now()
        FOR UPDATE SKIP LOCKED`,
      [[...byName.keys()]],
    );
    const tx = new PgExecutor(client);
    for (const row of rows) {
      const schedule = byName.get(row.name)!;
      const id = await enqueueJob(tx, schedule.job, schedule.payload, {
        tenantId: null,
        // One live run per schedule: a run still going when the next slot comes is not doubled.
        singletonKey: `schedule:${schedule.name}`,
      });
      if (id) enqueued++;
      else log.warn({ schedule: schedule.name }, 'previous run of a schedule still going; this slot is skipped');
      await client.query(
        'UPDATE job_schedule SET next_run_at = $2, last_run_at = now(), updated_at = now() WHERE name = $1',
        // From the later of the slot that ran and this clock: a clock behind the database's cannot
        // hand out the same slot again.
        [row.name, nextSlot(schedule, new Date(Math.max(Date.now(), row.next_run_at.getTime())))],
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return enqueued;
}
