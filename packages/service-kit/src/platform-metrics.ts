import type { SqlExecutor } from '@plh/db';
import type { NatsClients, Namespace, RunningConsumer } from '@plh/event-bus';
import { Histogram, scrapedGauge, type Registry } from './metrics';

/**
 * What the platform under a service does, read at each scrape: the outbox's unsent rows and the age
 * of the oldest (relay lag), each consumer's lag and redeliveries as the NATS server counts them, and
 * the dead-letter stream (shared by the services of one namespace: alert on its max).
 */
export function observePlatform(
  registry: Registry,
  input: { db: SqlExecutor; jsm: NatsClients['jsm']; ns: Namespace; consumers: RunningConsumer[] },
): void {
  scrapedGauge(
    registry,
    { name: 'plh_outbox_unsent', help: 'Outbox rows committed but not yet published to NATS' },
    async () => {
      const [row] = await input.db.$queryRawUnsafe<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
      );
      return [{ value: row?.n ?? 0 }];
    },
  );
  scrapedGauge(
    registry,
    { name: 'plh_outbox_oldest_unsent_seconds', help: 'Age of the oldest unpublished outbox row (0: none): relay lag' },
    async () => {
      const [row] = await input.db.$queryRawUnsafe<{ age: number }[]>(
        `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age FROM outbox WHERE sent_at IS NULL`,
      );
      return [{ value: row?.age ?? 0 }];
    },
  );
  const perConsumer = (pick: (lag: Awaited<ReturnType<RunningConsumer['lag']>>) => number) => async () =>
    Promise.all(input.consumers.map(async (c) => ({ labels: { consumer: c.name }, value: pick(await c.lag()) })));
  scrapedGauge(
    registry,
    {
      name: 'plh_consumer_pending_messages',
      help: 'Events in the stream not yet delivered to the consumer',
      labelNames: ['consumer'],
    },
    perConsumer((lag) => lag.pending),
  );
  scrapedGauge(
    registry,
    {
      name: 'plh_consumer_ack_pending_messages',
      help: 'Events delivered and not yet acknowledged',
      labelNames: ['consumer'],
    },
    perConsumer((lag) => lag.ackPending),
  );
  scrapedGauge(
    registry,
    {
      name: 'plh_consumer_redelivered_messages',
      help: 'Events being redelivered (a handler failed or timed out)',
      labelNames: ['consumer'],
    },
    perConsumer((lag) => lag.redelivered),
  );
  scrapedGauge(
    registry,
    { name: 'plh_dead_letter_messages', help: 'Messages in the dead-letter stream, waiting for a person' },
    async () => {
      const info = await input.jsm.streams.info(input.ns.deadLetterStream().name).catch(() => null);
      return [{ value: info?.state.messages ?? 0 }];
    },
  );
}

/** The job queue of a service that runs jobs: depth by state, the oldest queued job, and job durations. */
export function observeJobs(registry: Registry, db: SqlExecutor): Histogram {
  scrapedGauge(
    registry,
    { name: 'plh_job_queue_depth', help: 'Jobs queued or running', labelNames: ['queue', 'state'] },
    async () =>
      (
        await db.$queryRawUnsafe<{ queue: string; state: string; n: number }[]>(
          `SELECT queue, state, count(*)::int AS n FROM job_queue WHERE state IN ('queued', 'running') GROUP BY 1, 2`,
        )
      ).map((r) => ({ labels: { queue: r.queue, state: r.state }, value: r.n })),
  );
  scrapedGauge(
    registry,
    {
      name: 'plh_job_oldest_due_seconds',
      help: 'How long the oldest due job has waited to start',
      labelNames: ['queue'],
    },
    async () =>
      (
        await db.$queryRawUnsafe<{ queue: string; age: number }[]>(
          `SELECT queue, EXTRACT(EPOCH FROM now() - min(run_at))::float8 AS age FROM job_queue
            WHERE state = 'queued' AND run_at <= now() GROUP BY 1`,
        )
      ).map((r) => ({ labels: { queue: r.queue }, value: r.age })),
  );
  return new Histogram({
    name: 'plh_job_duration_seconds',
    help: 'Jobs run, by queue and outcome, and how long they took (proof rendering, deliveries, syncs)',
    labelNames: ['queue', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
}
