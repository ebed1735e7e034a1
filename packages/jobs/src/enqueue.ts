import { randomUUID } from 'node:crypto';
import type { Static, TObject } from '@sinclair/typebox';
import type { SqlExecutor } from '@plh/db';
import { assertPayload, type JobDefinition } from './define-job';

export interface EnqueueOptions {
  /** The practice the job works for (null: platform work such as a source sync). */
  tenantId: string | null;
  /** Not before this time (a delayed job). */
  runAt?: Date;
  /** Not before this many milliseconds from now. */
  delayMs?: number;
  /** While a job with this key is queued or running in the queue, enqueueing another is a no-op. */
  singletonKey?: string;
  /** Overrides the definition's attempts. */
  maxAttempts?: number;
  /** The trace the job continues (the request or event that caused it). */
  traceparent?: string | null;
}

/**
 * Queues a job in the caller's transaction: it exists if and only if the change that needs it commits.
 * Answers the job's id, or null when a live job with the same singleton key already exists.
 */
export async function enqueueJob<S extends TObject>(
  tx: SqlExecutor,
  def: JobDefinition<S>,
  payload: Static<S>,
  options: EnqueueOptions,
): Promise<string | null> {
  assertPayload(def, payload);
  const id = randomUUID();
  const runAt = options.runAt ?? (options.delayMs ? new Date(Date.now() + options.delayMs) : null);
  const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `INSERT INTO job_queue (id, queue, tenant_id, payload, run_at, max_attempts, singleton_key, traceparent)
     VALUES ($1::uuid, $2, $3, $4::jsonb, COALESCE($5::timestamptz, now()), $6, $7, $8)
     ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('queued', 'running')
     DO NOTHING
     RETURNING id::text`,
    id,
    def.queue,
    options.tenantId,
    JSON.stringify(payload),
    runAt ? runAt.toISOString() : null,
    options.maxAttempts ?? def.maxAttempts,
    options.singletonKey ?? null,
    options.traceparent ?? null,
  );
  return rows[0]?.id ?? null;
}
