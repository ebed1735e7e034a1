import { Type } from '@sinclair/typebox';
import { Client } from 'pg';
import { eventually } from '@plh/test-kit';
import { defineJob, enqueueJob, handle, InvalidJobPayloadError, JobWorker, type Job } from '../src';
import { createHarness, effects, jobRow, SCHEMA, type Harness } from './harness';

const Note = defineJob('testsvc.note', Type.Object({ n: Type.Integer() }, { additionalProperties: false }), {
  maxAttempts: 3,
});
const Sweep = defineJob('testsvc.sweep', Type.Object({}, { additionalProperties: false }), { maxAttempts: 1 });
const fast = { baseMs: 10, maxMs: 20 };

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
afterEach(() => h.stopWorkers());
beforeEach(async () => {
  for (const table of ['job_queue', 'job_schedule', 'effect'])
    await h.db.$executeRawUnsafe(`DELETE FROM ${SCHEMA}.${table}`);
});

const enqueue = (payload: { n: number }, options: Parameters<typeof enqueueJob>[3] = { tenantId: 't1' }) =>
  h.db.$transaction((tx) => enqueueJob(tx, Note, payload, options));

/** A handler that records one effect row per run, in its own statement (as a service's transaction would). */
const recording = (worker: string, extra: (job: Job<{ n: number }>) => Promise<void> = async () => undefined) =>
  handle(
    Note,
    async (job) => {
      await extra(job);
      await h.db.$executeRawUnsafe(
        `INSERT INTO ${SCHEMA}.effect (job_id, worker, attempt) VALUES ($1::uuid, $2, $3)`,
        job.id,
        worker,
        job.attempt,
      );
    },
    { backoff: fast, leaseSec: 30 },
  );

describe('enqueueing', () => {
  it('exists only if the enqueuing transaction commits', async () => {
    await expect(
      h.db.$transaction(async (tx) => {
        await enqueueJob(tx, Note, { n: 1 }, { tenantId: 't1' });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const [count] = await h.db.$queryRawUnsafe<Array<{ c: number }>>(
      `SELECT count(*)::int AS c FROM ${SCHEMA}.job_queue`,
    );
    expect(count!.c).toBe(0);
  });

  it('refuses a payload that breaks the schema, naming the field', async () => {
    await expect(enqueue({ n: 'one' } as unknown as { n: number })).rejects.toThrow(InvalidJobPayloadError);
    await expect(enqueue({ n: 'one' } as unknown as { n: number })).rejects.toThrow('/n');
  });

  it('keeps one live job per singleton key', async () => {
    const first = await enqueue({ n: 1 }, { tenantId: 't1', singletonKey: 'sync:oig' });
    const second = await enqueue({ n: 2 }, { tenantId: 't1', singletonKey: 'sync:oig' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
  });
});

describe('running', () => {
  it('runs a committed job once, woken at commit, with its tenant, payload and trace', async () => {
    const seen: Job<{ n: number }>[] = [];
    await h.worker([recording('a', async (job) => void seen.push(job))], { pollIntervalMs: 60_000 });
    const id = await enqueue(
      { n: 7 },
      { tenantId: 't1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    );
    await eventually(async () => expect((await jobRow(h, id!)).state).toBe('done'));
    expect(seen).toEqual([
      expect.objectContaining({
        id,
        tenantId: 't1',
        payload: { n: 7 },
        attempt: 1,
        traceparent: expect.stringMatching(/^00-0af7/),
      }),
    ]);
    expect(await effects(h)).toHaveLength(1);
  });

  it('leaves a delayed job alone until its time', async () => {
    await h.worker([recording('a')]);
    const later = await enqueue({ n: 1 }, { tenantId: 't1', delayMs: 60 * 60_000 });
    const now = await enqueue({ n: 2 });
    await eventually(async () => expect((await jobRow(h, now!)).state).toBe('done'));
    expect((await jobRow(h, later!)).state).toBe('queued');
    await h.db.$executeRawUnsafe(`UPDATE ${SCHEMA}.job_queue SET run_at = now() WHERE id = $1::uuid`, later);
    await eventually(async () => expect((await jobRow(h, later!)).state).toBe('done'));
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    await h.worker([
      recording('a', async (job) => {
        if (job.attempt < 3) throw new Error(`transient failure ${job.attempt}`);
      }),
    ]);
    const id = await enqueue({ n: 1 });
    await eventually(async () => expect((await jobRow(h, id!)).state).toBe('done'));
    expect(await jobRow(h, id!)).toMatchObject({ attempts: 3, last_error: null });
    expect((await effects(h)).map((e) => e.attempt)).toEqual([3]);
  });

  it('fails a job for good after its last attempt, with the reason, and tells the handler once', async () => {
    const givenUp: Array<[string, string]> = [];
    await h.worker([
      handle(
        Note,
        async () => {
          throw new Error('the source answered 500');
        },
        { backoff: fast, giveUp: async (job, reason) => void givenUp.push([job.id, reason]) },
      ),
    ]);
    const id = await enqueue({ n: 1 });
    await eventually(async () => expect((await jobRow(h, id!)).state).toBe('failed'));
    expect(await jobRow(h, id!)).toMatchObject({ attempts: 3, last_error: 'Error: the source answered 500' });
    await eventually(() => expect(givenUp).toEqual([[id, 'Error: the source answered 500']]));
  });

  it('takes over the job of a worker whose lease ran out, and the old run cannot overwrite the outcome', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let lostSignal: AbortSignal | undefined;
    await h.worker([
      handle(
        Note,
        async (_job, signal) => {
          lostSignal = signal;
          await stuck;
        },
        { leaseSec: 3 },
      ),
    ]);
    const id = await enqueue({ n: 1 });
    await eventually(async () => expect(await jobRow(h, id!)).toMatchObject({ state: 'running', attempts: 1 }));
    // As if that worker's process had frozen: its lease is over; a second worker takes the job.
    await h.db.$executeRawUnsafe(`UPDATE ${SCHEMA}.job_queue SET lease_until = now() - interval '1 second'`);
    await h.worker([recording('b')]);
    await eventually(async () => expect(await jobRow(h, id!)).toMatchObject({ state: 'done', attempts: 2 }));
    expect(await effects(h)).toEqual([expect.objectContaining({ worker: 'b', attempt: 2 })]);
    // The frozen run notices at its next lease renewal that it lost the job.
    await eventually(() => expect(lostSignal?.aborted).toBe(true), { timeoutMs: 5_000 });
    release();
    await eventually(async () => expect(await jobRow(h, id!)).toMatchObject({ state: 'done', attempts: 2 }));
  });

  it('tells a run to stop once its lease ran out without a successful renewal', async () => {
    let signal: AbortSignal | undefined;
    await h.worker([
      handle(
        Note,
        async (job, s) => {
          // A later run (the job taken over once the lease ran out) finishes at once.
          if (job.attempt > 1) return;
          signal = s;
          await new Promise((resolve) => s.addEventListener('abort', resolve));
        },
        { leaseSec: 3 },
      ),
    ]);
    const id = await enqueue({ n: 1 });
    await eventually(async () => expect(await jobRow(h, id!)).toMatchObject({ state: 'running' }));
    // The worker can no longer renew (as when its database connection is refused): the renewals fail
    // rather than find the job taken, and after the lease it must assume another worker has it.
    const admin = new Client({ connectionString: h.adminUrl });
    await admin.connect();
    const revoke = (sql: string) => admin.query(sql.replace('$role', `plh_${SCHEMA}_app`));
    try {
      await revoke(`REVOKE UPDATE ON ${SCHEMA}.job_queue FROM $role`);
      expect(signal?.aborted).toBe(false);
      await eventually(() => expect(signal?.aborted).toBe(true), { timeoutMs: 10_000 });
    } finally {
      await revoke(`GRANT UPDATE ON ${SCHEMA}.job_queue TO $role`);
      await admin.end();
    }
  });

  it('shares a queue between workers without running a job twice', async () => {
    await Promise.all([h.worker([recording('a')]), h.worker([recording('b')])]);
    const ids = await Promise.all(Array.from({ length: 40 }, (_, n) => enqueue({ n })));
    await eventually(async () => expect(await effects(h)).toHaveLength(40), { timeoutMs: 20_000 });
    const ran = await effects(h);
    expect(new Set(ran.map((e) => e.job_id))).toEqual(new Set(ids));
  });

  it('gives up on a job taken over after its last attempt instead of running it again', async () => {
    const [row] = await h.db.$queryRawUnsafe<Array<{ id: string }>>(
      `INSERT INTO ${SCHEMA}.job_queue (id, queue, tenant_id, payload, state, attempts, max_attempts, lease_until)
       VALUES (gen_random_uuid(), 'testsvc.note', 't1', '{"n":1}', 'running', 3, 3, now() - interval '1 second')
       RETURNING id::text`,
    );
    const givenUp: string[] = [];
    await h.worker([
      handle(Note, async () => undefined, { giveUp: async (job, reason) => void givenUp.push(`${job.id} ${reason}`) }),
    ]);
    await eventually(async () => expect((await jobRow(h, row!.id)).state).toBe('failed'));
    expect((await jobRow(h, row!.id)).last_error).toMatch(/lease expired/);
    await eventually(() => expect(givenUp).toEqual([expect.stringMatching(new RegExp(`^${row!.id} .*lease expired`))]));
  });
});

describe('schedules', () => {
  const sweep = (worker: string) =>
    handle(Sweep, async (job) => {
      await h.db.$executeRawUnsafe(
        `INSERT INTO ${SCHEMA}.effect (job_id, worker, attempt) VALUES ($1::uuid, $2, $3)`,
        job.id,
        worker,
        job.attempt,
      );
    });
  // Yearly: after the slot that is due now, the next is far away, so any second run would be a double.
  const yearly = { name: 'sweep', cron: '0 3 1 1 *', job: Sweep, payload: {} };

  it('runs a due slot once across replicas and moves the schedule to its next slot', async () => {
    const a = await h.worker([sweep('a')], { schedules: [yearly] });
    await h.worker([sweep('b')], { schedules: [yearly] });
    await h.db.$executeRawUnsafe(`UPDATE ${SCHEMA}.job_schedule SET next_run_at = now() - interval '1 minute'`);
    a.kick();
    await eventually(async () => expect(await effects(h)).toHaveLength(1));
    const [schedule] = await h.db.$queryRawUnsafe<Array<{ next_run_at: Date; last_run_at: Date | null }>>(
      `SELECT next_run_at, last_run_at FROM ${SCHEMA}.job_schedule WHERE name = 'sweep'`,
    );
    expect(schedule!.last_run_at).not.toBeNull();
    expect(schedule!.next_run_at.getUTCMonth()).toBe(0);
    expect(schedule!.next_run_at.getUTCDate()).toBe(1);
    expect(schedule!.next_run_at.getTime()).toBeGreaterThan(Date.now());
    // Both workers polled several times since; still one run.
    const [jobs] = await h.db.$queryRawUnsafe<Array<{ c: number }>>(
      `SELECT count(*)::int AS c FROM ${SCHEMA}.job_queue`,
    );
    expect(jobs!.c).toBe(1);
  });

  it('keeps its recorded slot across a restart, and starts over when the pattern changes', async () => {
    const first = await h.worker([sweep('a')], { schedules: [yearly] });
    await first.stop();
    await h.db.$executeRawUnsafe(`UPDATE ${SCHEMA}.job_schedule SET next_run_at = '2099-01-01T03:00:00Z'`);
    const second = await h.worker([sweep('a')], { schedules: [yearly] });
    await second.stop();
    const slot = async () =>
      (await h.db.$queryRawUnsafe<Array<{ next_run_at: Date }>>(`SELECT next_run_at FROM ${SCHEMA}.job_schedule`))[0]!
        .next_run_at;
    expect((await slot()).toISOString()).toBe('2099-01-01T03:00:00.000Z');
    await (
      await h.worker([sweep('a')], { schedules: [{ ...yearly, cron: '30 2 * * *', timezone: 'America/New_York' }] })
    ).stop();
    const next = await slot();
    expect(next.getTime()).toBeLessThan(Date.now() + 25 * 60 * 60_000);
    // 02:30 in New York is 06:30 or 07:30 UTC depending on daylight saving time.
    expect([6, 7]).toContain(next.getUTCHours());
    expect(next.getUTCMinutes()).toBe(30);
  });

  it('refuses at start a schedule whose payload breaks its job schema', async () => {
    await expect(h.worker([sweep('a')], { schedules: [{ ...yearly, payload: { extra: 1 } }] })).rejects.toThrow(
      /does not match its schema/,
    );
  });

  it('refuses a schedule whose queue has no handler in that worker', () => {
    expect(
      () => new JobWorker({ connectionString: h.appUrl, schema: SCHEMA, handlers: [], schedules: [yearly] }),
    ).toThrow(/no handler for queue testsvc.sweep/);
  });
});
