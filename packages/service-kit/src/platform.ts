import { Type, type Static, type TObject } from '@sinclair/typebox';
import {
  assertDeclaredSubscription,
  type EventDefinition,
  type EventEnvelope,
  type EventRegistry,
} from '@plh/contracts';
import { migrate, prismaAdapter, setTenant, type SqlExecutor, type TransactionRunner } from '@plh/db';
import {
  connectNats,
  Namespace,
  OutboxRelay,
  startConsumer,
  type BatchEventHandler,
  type ConsumerOptions,
  type NatsClients,
  type RunningConsumer,
} from '@plh/event-bus';
import { JobWorker, type JobHandler, type Schedule } from '@plh/jobs';
import type { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyBaseLogger } from 'fastify';
import { natsCheck, postgresCheck, type ReadinessCheck } from './health';
import type { UnitOfWork, UnitOfWorkFactory } from './unit-of-work';
import { SpanKind, withSpan } from './tracing';
import { metricsRegistry, type Histogram, type Registry } from './metrics';
import { observeJobs, observePlatform } from './platform-metrics';
import { runInContext, serviceContext } from './work-context';

/** A handler of one event type, its `data` typed from the contract (validated before it runs). */
export interface TypedHandler<U> {
  type: string;
  handle(event: EventEnvelope, uow: U): Promise<void>;
}

/**
 * `on(OrderPlaced, async (event, uow) => …)`: `event.data` has the contract's type. The consumer
 * validates every event against the registry before any handler sees it, so the data is what the
 * schema says; `uow` is the service's unit of work in the event's tenant, in the transaction that
 * also records the event in the inbox.
 */
export function on<S extends TObject, U>(
  def: EventDefinition<S>,
  handle: (event: EventEnvelope<Static<S>>, uow: U) => Promise<void>,
): TypedHandler<U> {
  return { type: def.type, handle: (event, uow) => handle(event as EventEnvelope<Static<S>>, uow) };
}

export interface ConsumeOptions<Tx extends SqlExecutor, Repos> extends Omit<
  ConsumerOptions<Tx>,
  'nc' | 'js' | 'ns' | 'registry' | 'db' | 'log' | 'types' | 'handler'
> {
  unitOfWork: UnitOfWorkFactory<Tx, Repos>;
  /** One per event type this consumer receives (all from one service's stream). */
  handlers: TypedHandler<UnitOfWork<Repos>>[];
  /**
   * Events without a practice (an ops user's password reset) are handled as this pseudo-practice, set
   * on the transaction like a real one (the notification service keeps the ops team's messages under
   * the nil UUID). Without it such an event is a contract breach, dead-lettered for ops.
   */
  platformTenantId?: string;
}

export interface ConsumeBatchesOptions<Tx extends SqlExecutor> extends Omit<
  ConsumerOptions<Tx>,
  'nc' | 'js' | 'ns' | 'registry' | 'log' | 'types' | 'handler' | 'batchHandler'
> {
  events: EventDefinition[];
  handle: BatchEventHandler<Tx>;
}

export interface RunJobsOptions {
  handlers: JobHandler[];
  schedules?: Schedule[];
  pollIntervalMs?: number;
}

/** Settings of every service that owns data and events. */
export const PlatformConfigSchema = Type.Object({
  DATABASE_URL: Type.String({ minLength: 1, description: "The service's runtime role (plh_<schema>_app)" }),
  MIGRATION_DATABASE_URL: Type.Optional(
    Type.String({ minLength: 1, description: 'The migrator role; when set, pending migrations are applied at start' }),
  ),
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  NATS_URL: Type.String({
    minLength: 1,
    default: 'nats://127.0.0.1:4222',
    description: 'Comma-separated for a cluster',
  }),
  EVENT_NAMESPACE: Type.String({
    pattern: '^([a-z][a-z0-9_]{0,31})?$',
    default: '',
    description: 'Subject prefix; empty in production',
  }),
  NATS_STREAM_REPLICAS: Type.Integer({ minimum: 1, maximum: 5, default: 1, description: '3 in production' }),
});
export type PlatformConfig = Static<typeof PlatformConfigSchema>;

/** Settings of every service that runs background jobs (@plh/jobs). */
export const JobsConfigSchema = Type.Object({
  JOB_POLL_MS: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 2_000,
    description: 'Fallback poll of the job queue (a queued job wakes the worker at commit through NOTIFY)',
  }),
  RUN_JOBS: Type.Boolean({
    default: true,
    description: 'Run the job worker inside the API process; false when workers run as their own process',
  }),
});

/** What a Prisma client offers that the platform needs; every generated client fits. */
export type PlatformDb = TransactionRunner<SqlExecutor> & SqlExecutor & { $disconnect(): Promise<void> };

export interface Platform<Db extends PlatformDb> {
  db: Db;
  nats: NatsClients;
  ns: Namespace;
  registry: EventRegistry;
  relay: OutboxRelay;
  readiness: Record<string, ReadinessCheck>;
  /** The platform's metrics (outbox, consumers, dead letters, jobs), served with the app's on METRICS_PORT. */
  metrics: Registry;
  /**
   * Starts a durable consumer that is stopped with the platform. Each handler runs in the event's
   * tenant transaction with a service work context that continues the event's trace.
   */
  consume<Tx extends SqlExecutor, Repos>(options: ConsumeOptions<Tx, Repos>): Promise<RunningConsumer>;
  /**
   * Starts a durable consumer whose handler takes each batch of new events at once, in the inbox's
   * transaction and the service's own context (no tenant set): for work that is cheaper per batch.
   */
  consumeBatches<Tx extends SqlExecutor>(options: ConsumeBatchesOptions<Tx>): Promise<RunningConsumer>;
  /**
   * Starts a job worker on the service's `job_queue` that is stopped with the platform (before the
   * outbox is flushed, so what its jobs commit is published). Each job runs in a service work context
   * that continues the trace of the request or event that queued it.
   */
  runJobs(options: RunJobsOptions): Promise<JobWorker>;
  /** Stops consumers, flushes the outbox, drains NATS and closes the pool (in that order). */
  close(): Promise<void>;
}

export interface ConnectPlatformOptions<Db extends PlatformDb> {
  /** Schema and event service name (`core` -> schema core, stream PLH_CORE, subjects plh.core.>). */
  schema: string;
  config: PlatformConfig;
  migrationsDir: string;
  registry: EventRegistry;
  createDb: (adapter: PrismaPg) => Db;
  log: FastifyBaseLogger;
  /** The service's name in metrics (default: the schema; the proof engine's schema is `proof`). */
  serviceName?: string;
}

/**
 * Connects a service to its data and events: migrates (when a migrator URL is configured), opens
 * Prisma over the driver adapter, connects NATS and starts the outbox relay.
 */
export async function connectPlatform<Db extends PlatformDb>(
  options: ConnectPlatformOptions<Db>,
): Promise<Platform<Db>> {
  const { schema, config, log, registry } = options;
  if (config.MIGRATION_DATABASE_URL) {
    const result = await migrate({
      connectionString: config.MIGRATION_DATABASE_URL,
      schema,
      migrationsDir: options.migrationsDir,
      log: (message) => log.info(message),
    });
    log.info({ applied: result.applied.length, alreadyApplied: result.alreadyApplied.length }, 'migrations up to date');
  }
  const db = options.createDb(
    prismaAdapter(config.DATABASE_URL, schema, {
      max: config.DATABASE_POOL_MAX,
      onConnectionLost: (err) => log.warn({ err }, 'database connection lost; the pool reconnects on demand'),
    }),
  );
  const nats = await connectNats(config.NATS_URL, `plh-${schema}`);
  const ns = new Namespace(config.EVENT_NAMESPACE);
  const relay = new OutboxRelay({
    connectionString: config.DATABASE_URL,
    schema,
    service: schema,
    js: nats.js,
    jsm: nats.jsm,
    ns,
    streamOptions: { replicas: config.NATS_STREAM_REPLICAS },
    log,
  });
  await relay.start();
  const consumers: RunningConsumer[] = [];
  const workers: JobWorker[] = [];
  const metrics = metricsRegistry(options.serviceName ?? schema);
  observePlatform(metrics, { db, jsm: nats.jsm, ns, consumers });
  let jobDurations: Histogram | undefined;
  return {
    metrics,
    db,
    nats,
    ns,
    registry,
    relay,
    readiness: { postgres: postgresCheck(db), nats: natsCheck(nats.nc) },
    consume: async ({ handlers, unitOfWork, platformTenantId, ...consumerOptions }) => {
      const byType = new Map(handlers.map((h) => [h.type, h]));
      if (byType.size !== handlers.length)
        throw new Error(`consumer ${consumerOptions.name}: two handlers for one type`);
      // Declared once in @plh/contracts (the event catalogue lists it), with exactly these types.
      assertDeclaredSubscription(consumerOptions.name, [...byType.keys()]);
      const consumer = await startConsumer({
        ...consumerOptions,
        types: [...byType.keys()],
        handler: async (event, tx) => {
          const handler = byType.get(event.type);
          if (!handler) throw new Error(`consumer ${consumerOptions.name}: no handler for ${event.type}`);
          // Tenant-scoped by design: an event without a tenant is a contract breach, dead-lettered for ops.
          const tenantId = event.tenantId ?? platformTenantId;
          if (!tenantId) throw new Error(`consumer ${consumerOptions.name}: ${event.type} has no tenant`);
          if (!event.tenantId) await setTenant(tx, tenantId);
          // A consumer span under the trace the event carries: the request that caused it, in another service.
          return withSpan(
            `process ${event.type}`,
            SpanKind.CONSUMER,
            event.traceparent,
            {
              'messaging.system': 'nats',
              'messaging.consumer.group.name': consumerOptions.name,
              'messaging.message.id': event.id,
            },
            (traceparent) =>
              runInContext({ ...serviceContext(schema, event), traceparent }, () =>
                handler.handle(event, unitOfWork.bind(tx, tenantId)),
              ),
          );
        },
        nc: nats.nc,
        js: nats.js,
        ns,
        registry,
        db: unitOfWork.db,
        log,
      });
      consumers.push(consumer);
      return consumer;
    },
    consumeBatches: async ({ events, handle, ...consumerOptions }) => {
      const types = events.map((e) => e.type);
      assertDeclaredSubscription(consumerOptions.name, types);
      const consumer = await startConsumer({
        ...consumerOptions,
        types,
        batchHandler: (batch, tx) => runInContext(serviceContext(schema), () => handle(batch, tx)),
        nc: nats.nc,
        js: nats.js,
        ns,
        registry,
        log,
      });
      consumers.push(consumer);
      return consumer;
    },
    runJobs: async ({ handlers, schedules, pollIntervalMs }) => {
      jobDurations ??= observeJobs(metrics, db);
      const durations = jobDurations;
      const worker = new JobWorker({
        connectionString: config.DATABASE_URL,
        schema,
        handlers,
        ...(schedules ? { schedules } : {}),
        ...(pollIntervalMs ? { pollIntervalMs } : {}),
        around: async (job, run) => {
          const timer = durations.startTimer({ queue: job.queue });
          try {
            await withSpan(
              `job ${job.queue}`,
              SpanKind.INTERNAL,
              job.traceparent,
              { 'plh.job.queue': job.queue },
              (traceparent) => runInContext({ ...serviceContext(schema, job), traceparent }, run),
            );
            timer({ outcome: 'done' });
          } catch (err) {
            timer({ outcome: 'failed' });
            throw err;
          }
        },
        log,
      });
      workers.push(worker);
      return worker.start();
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(consumers.map((c) => c.stop()));
      await relay.stop();
      await nats.nc.drain();
      await db.$disconnect();
    },
  };
}
