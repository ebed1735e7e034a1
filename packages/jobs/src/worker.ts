import type { Static, TObject } from '@sinclair/typebox';
import { ident, survivePoolErrors, WakeSignal } from '@plh/db';
import { Client, Pool } from 'pg';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff';
import type { JobDefinition } from './define-job';
import { dueSchedules, registerSchedules, type Schedule } from './schedules';

/** A claimed job as its handler sees it. */
export interface Job<P = unknown> {
  id: string;
  queue: string;
  tenantId: string | null;
  payload: P;
  /** 1 on the first run; a run taken over from a dead worker counts as one. */
  attempt: number;
  maxAttempts: number;
  traceparent: string | null;
}

export interface JobHandler {
  def: JobDefinition;
  /** Runs the job; throwing retries it later (backoff) until its attempts are used up. */
  run(job: Job, signal: AbortSignal): Promise<void>;
  /** Jobs of this queue run at once in one process (rendering is CPU-bound: 1). */
  concurrency: number;
  /** A worker that stops renewing its lease this long loses the job to another worker. */
  leaseSec: number;
  backoff: BackoffOptions;
  /**
   * Called once the queue gives up on a job (its last attempt failed, or its worker died during the
   * last attempt), so the domain row it drives can say so instead of staying "running".
   */
  giveUp?: (job: Job, reason: string) => Promise<void>;
}

/**
 * `handle(RenderProof, async (job) => …)`: the payload typed from the definition. Handlers must be
 * idempotent: a worker can die after the handler's own transaction committed and before the job is
 * marked done, and the job then runs again.
 */
export function handle<S extends TObject>(
  def: JobDefinition<S>,
  run: (job: Job<Static<S>>, signal: AbortSignal) => Promise<void>,
  options: Partial<Pick<JobHandler, 'concurrency' | 'leaseSec' | 'backoff'>> & {
    giveUp?: (job: Job<Static<S>>, reason: string) => Promise<void>;
  } = {},
): JobHandler {
  const { giveUp } = options;
  return {
    def,
    run: (job, signal) => run(job as Job<Static<S>>, signal),
    ...(giveUp ? { giveUp: (job: Job, reason: string) => giveUp(job as Job<Static<S>>, reason) } : {}),
    concurrency: options.concurrency ?? 1,
    leaseSec: options.leaseSec ?? 60,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  };
}

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobWorkerOptions {
  /** A role that may read and write the schema's job tables (the service's own app role). */
  connectionString: string;
  schema: string;
  handlers: JobHandler[];
  schedules?: Schedule[];
  /** Fallback poll for delayed jobs, expired leases and schedules (enqueues wake workers at once). */
  pollIntervalMs?: number;
  /** Finished rows are deleted this long after they finished (done) or failed for good. */
  keepDoneMs?: number;
  keepFailedMs?: number;
  /** Wraps every run (the service's work context: actor, trace). */
  around?: (job: Job, run: () => Promise<void>) => Promise<void>;
  log?: WorkerLog;
}

interface Row {
  id: string;
  queue: string;
  tenant_id: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  traceparent: string | null;
}

const silent: WorkerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const HOUR = 60 * 60_000;

/**
 * Runs the jobs of its queues from the schema's `job_queue`. Claiming is `FOR UPDATE SKIP LOCKED`, so
 * any number of workers (processes, replicas) share a queue without taking one job twice; a claimed job
 * carries a lease the worker renews while the handler runs, and a job whose lease ran out (its worker
 * died) is claimed again. Woken by NOTIFY at commit; polls for delayed jobs and expired leases.
 */
/** Tries to record a finished job's outcome (about a minute of backoff) before leaving it to its lease. */
const SETTLE_TRIES = 15;

export class JobWorker {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly handlers: Map<string, JobHandler>;
  private readonly active = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly signal = new WakeSignal();
  private readonly controller = new AbortController();
  private readonly log: WorkerLog;
  private listener: Client | undefined;
  private loop: Promise<void> = Promise.resolve();
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private lastPrune = 0;

  constructor(private readonly options: JobWorkerOptions) {
    this.handlers = new Map(options.handlers.map((h) => [h.def.queue, h]));
    if (this.handlers.size !== options.handlers.length) throw new Error('two job handlers for one queue');
    for (const s of options.schedules ?? [])
      if (!this.handlers.has(s.job.queue)) throw new Error(`schedule ${s.name}: no handler for queue ${s.job.queue}`);
    const slots = options.handlers.reduce((n, h) => n + h.concurrency, 0);
    this.pool = survivePoolErrors(
      new Pool({
        connectionString: options.connectionString,
        max: Math.max(2, slots + 1),
        application_name: `plh-${options.schema}-jobs`,
      }),
    );
    this.table = `${ident(options.schema)}.job_queue`;
    this.log = options.log ?? silent;
  }

  async start(): Promise<this> {
    if (this.options.schedules?.length)
      await registerSchedules(this.pool, this.options.schema, this.options.schedules).catch(async (err: unknown) => {
        await this.pool.end(); // a worker that does not start leaves no connection behind
        throw err;
      });
    await this.listen();
    this.loop = this.run();
    return this;
  }

  /** Look for work now (a job was just queued in this process) instead of at the next poll. */
  kick(): void {
    this.signal.notify();
  }

  /** Takes no new jobs, lets running ones finish, then closes its connections (once, however often called). */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    this.signal.notify();
    await this.loop;
    await Promise.allSettled([...this.running]);
    this.controller.abort();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private async listen(): Promise<void> {
    try {
      const client = new Client({ connectionString: this.options.connectionString });
      client.on('error', () => undefined);
      client.on('notification', () => this.signal.notify());
      await client.connect();
      await client.query(`LISTEN ${ident(`plh_jobs_${this.options.schema}`)}`);
      this.listener = client;
    } catch (err) {
      // Polling still finds every job; only the wake-up at commit is lost.
      this.log.warn({ err }, 'job worker could not LISTEN; polling only');
    }
  }

  private async run(): Promise<void> {
    const poll = this.options.pollIntervalMs ?? 2_000;
    while (!this.stopped) {
      try {
        if (this.options.schedules?.length)
          await dueSchedules(this.pool, this.options.schema, this.options.schedules, this.log);
        await this.fill();
        await this.prune();
      } catch (err) {
        this.log.warn({ err }, 'job worker could not reach its queue; retrying at the next poll');
      }
      await this.signal.wait(poll);
    }
  }

  /** Claims jobs until every queue's slots are busy or nothing is due. */
  private async fill(): Promise<void> {
    for (const handler of this.handlers.values()) {
      while (!this.stopped && (this.active.get(handler.def.queue) ?? 0) < handler.concurrency) {
        const job = await this.claim(handler);
        if (!job) break;
        this.start1(handler, job);
      }
    }
  }

  private async claim(handler: JobHandler): Promise<Row | null> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE ${this.table} q
          SET state = 'running', attempts = q.attempts + 1,
              lease_until = now() + make_interval(secs => $2::int)
        WHERE q.id = (
          SELECT j.id FROM ${this.table} j
           WHERE j.queue = $1
             AND ((j.state = 'queued' AND j.run_at <= now()) OR (j.state = 'running' AND j.lease_until < now()))
           ORDER BY j.run_at
           FOR UPDATE SKIP LOCKED
           LIMIT 1)
        RETURNING q.id::text, q.queue, q.tenant_id, q.payload, q.attempts, q.max_attempts, q.traceparent`,
      [handler.def.queue, handler.leaseSec],
    );
    return rows[0] ?? null;
  }

  private start1(handler: JobHandler, row: Row): void {
    const queue = handler.def.queue;
    this.active.set(queue, (this.active.get(queue) ?? 0) + 1);
    const done = this.execute(handler, row).finally(() => {
      this.active.set(queue, (this.active.get(queue) ?? 1) - 1);
      this.running.delete(done);
      // A slot is free: more may be waiting.
      if (!this.stopped) this.signal.notify();
    });
    this.running.add(done);
  }

  private async execute(handler: JobHandler, row: Row): Promise<void> {
    const job: Job = {
      id: row.id,
      queue: row.queue,
      tenantId: row.tenant_id,
      payload: row.payload,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      traceparent: row.traceparent,
    };
    if (row.attempts > row.max_attempts) {
      // Taken over after its last attempt's worker died: it will not get another.
      const reason = 'the worker stopped before finishing the last attempt (lease expired)';
      await this.settle(row, 'failed', reason, 0);
      await this.giveUp(handler, job, reason);
      return;
    }
    const lost = new AbortController();
    const abort = () => lost.abort();
    this.controller.signal.addEventListener('abort', abort);
    // Renewed every third of the lease. A renewal that fails (database unreachable) is retried at the
    // next beat; once the lease has certainly run out without one, another worker may own the job:
    // this run is told to stop, as when a renewal finds the job taken over.
    let heldUntil = Date.now() + handler.leaseSec * 1_000;
    const heartbeat = setInterval(
      () =>
        void this.renew(handler, row).then(
          (held) => (held ? (heldUntil = Date.now() + handler.leaseSec * 1_000) : lost.abort()),
          () => Date.now() >= heldUntil && lost.abort(),
        ),
      Math.max(1_000, (handler.leaseSec * 1_000) / 3),
    );
    heartbeat.unref();
    try {
      const run = () => handler.run(job, lost.signal);
      await (this.options.around ? this.options.around(job, run) : run());
      clearInterval(heartbeat);
      await this.settle(row, 'done', null, 0);
    } catch (err) {
      clearInterval(heartbeat);
      const last = row.attempts >= row.max_attempts;
      this.log[last ? 'error' : 'warn'](
        { err, jobId: row.id, queue: row.queue, attempt: row.attempts, maxAttempts: row.max_attempts },
        last ? 'job failed for good' : 'job failed; retrying later',
      );
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await this.settle(
        row,
        last ? 'failed' : 'queued',
        message.slice(0, 1000),
        retryDelayMs(row.attempts, handler.backoff),
      );
      if (last) await this.giveUp(handler, job, message.slice(0, 1000));
    } finally {
      this.controller.signal.removeEventListener('abort', abort);
    }
  }

  private async giveUp(handler: JobHandler, job: Job, reason: string): Promise<void> {
    if (!handler.giveUp) return;
    const run = () => handler.giveUp!(job, reason);
    await (this.options.around ? this.options.around(job, run) : run()).catch((err: unknown) =>
      this.log.error({ err, jobId: job.id, queue: job.queue }, 'could not record that a job was given up'),
    );
  }

  /** Renews the lease while this run still holds the job; false once another worker took it over. */
  private async renew(handler: JobHandler, row: Row): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE ${this.table} SET lease_until = now() + make_interval(secs => $3::int)
        WHERE id = $1::uuid AND attempts = $2 AND state = 'running'`,
      [row.id, row.attempts, handler.leaseSec],
    );
    return result.rowCount === 1;
  }

  /**
   * Records the run's outcome, unless another worker took the job over meanwhile (attempts moved on):
   * then that run's outcome is the one that counts.
   */
  private async settle(row: Row, state: 'done' | 'queued' | 'failed', error: string | null, delayMs: number) {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.record(row, state, error, delayMs);
        return;
      } catch (err) {
        // The database is briefly away (a restart, a failover) and the outcome is known: keep trying to
        // record it, rather than let the lease run out and the whole job run again (a notification sent
        // twice, a render done twice). Not past SETTLE_TRIES, nor while the worker stops.
        if (attempt >= SETTLE_TRIES || this.stopped) {
          // The lease runs out and the job runs again: handlers are idempotent.
          this.log.warn({ err, jobId: row.id }, 'could not record a job outcome; it will run again after its lease');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
      }
    }
  }

  private async record(row: Row, state: 'done' | 'queued' | 'failed', error: string | null, delayMs: number) {
    await this.pool.query(
      `UPDATE ${this.table}
          SET state = $3, last_error = $4, lease_until = NULL,
              run_at = CASE WHEN $3 = 'queued' THEN now() + make_interval(secs => $5::double precision / 1000) ELSE run_at END,
              finished_at = CASE WHEN $3 = 'queued' THEN NULL ELSE now() END
        WHERE id = $1::uuid AND attempts = $2 AND state = 'running'`,
      [row.id, row.attempts, state, error, delayMs],
    );
  }

  /** Deletes finished rows past their keeping time, at most hourly per worker. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < HOUR) return;
    this.lastPrune = Date.now();
    await this.pool.query(
      `DELETE FROM ${this.table}
        WHERE (state = 'done' AND finished_at < now() - make_interval(secs => $1::double precision / 1000))
           OR (state = 'failed' AND finished_at < now() - make_interval(secs => $2::double precision / 1000))`,
      [this.options.keepDoneMs ?? 24 * HOUR, this.options.keepFailedMs ?? 30 * 24 * HOUR],
    );
  }
}
