import { SpanStatusCode } from '@opentelemetry/api';
import { SpanKind, startSpanUnder } from '@plh/contracts';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { ident, survivePoolErrors, WakeSignal } from '@plh/db';
import { Client, Pool } from 'pg';
import { pruneEventTables, type EventTableRetention } from './housekeeping';
import type { Namespace } from './naming';
import { ensureServiceStream, type StreamOptions } from './streams';

export interface OutboxRelayOptions {
  /** A role that may read and update the schema's outbox (the service's own app role). */
  connectionString: string;
  schema: string;
  /** The service whose stream the events go to (`plh.<service>.>`); the relay makes sure it exists. */
  service: string;
  js: JetStreamClient;
  jsm: JetStreamManager;
  streamOptions?: StreamOptions;
  ns: Namespace;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (lost listener connection, missed wake-up). */
  pollIntervalMs?: number;
  log?: RelayLog;
  /** How long published outbox rows and inbox rows are kept; pruned hourly by the relay. */
  retention?: EventTableRetention;
  /** Called after JetStream acknowledged a batch and before the rows are marked sent (metrics, tests). */
  onPublished?: (eventIds: string[]) => void | Promise<void>;
}

export interface RelayLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  payload: string;
  traceparent: string | null;
}

const silent: RelayLog = { info: () => undefined, warn: () => undefined };

/**
 * Publishes committed outbox rows to JetStream, oldest first, with `Nats-Msg-Id = event id`.
 *
 * Rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that stays open until they are
 * marked sent, so several relays (replicas) share the work without publishing a row twice at once.
 * A relay that dies after publishing but before commit leaves the rows unsent; the next relay
 * republishes them with the same msgID, which JetStream drops inside its duplicate window and the
 * consumers' inbox drops after it. Woken by LISTEN/NOTIFY at commit; polls as a fallback.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly channel: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly log: RelayLog;
  private listener: Client | undefined;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly signal = new WakeSignal();
  private requestStop: () => void = () => undefined;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  private failures = 0;
  private streamReady = false;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxRelayOptions) {
    this.pool = survivePoolErrors(
      new Pool({
        connectionString: options.connectionString,
        max: 2,
        application_name: `plh-${options.schema}-relay`,
      }),
    );
    this.table = `${ident(options.schema)}.outbox`;
    this.channel = `plh_outbox_${options.schema}`;
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.log = options.log ?? silent;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.listen();
    } catch (err) {
      this.running = false;
      throw err;
    }
    this.loopDone = this.loop();
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), 3600_000);
    this.pruneTimer.unref();
  }

  /** Stops the loop after publishing whatever is committed now (graceful shutdown flushes the outbox). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.requestStop();
    this.signal.notify();
    clearInterval(this.pruneTimer);
    await this.loopDone;
    await this.pruning;
    await this.drain().catch((err: unknown) => this.log.warn({ err: errorText(err) }, 'outbox flush on stop failed'));
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.pool.end();
  }

  /** Publishes until the outbox is empty; returns how many rows were sent. */
  async drain(): Promise<number> {
    if (!this.streamReady) {
      const { jsm, ns, service, streamOptions } = this.options;
      await ensureServiceStream(jsm, ns, service, streamOptions);
      this.streamReady = true;
    }
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      // Until an empty look: rows committed while this batch was in flight go out at once.
      if (sent === 0) return total;
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.drain();
        this.failures = 0;
      } catch (err) {
        this.failures += 1;
        this.log.warn({ err: errorText(err), failures: this.failures }, 'outbox relay: publish failed, will retry');
      }
      if (!this.running) return;
      if (this.failures > 0) {
        // NATS (or Postgres) is failing: back off exponentially; commits meanwhile must not spin us,
        // but stop() must not wait out the pause.
        await Promise.race([delay(Math.min(50 * 2 ** this.failures, 5_000)), this.stopRequested]);
      } else {
        await this.signal.wait(this.pollIntervalMs);
      }
    }
  }

  /**
   * Housekeeping beside the publishing loop (never in its way): published outbox rows and old inbox
   * rows, at start and hourly. A failure is logged and tried again the next hour.
   */
  private prune(): void {
    this.pruning = this.pruning.then(async () => {
      try {
        const pruned = await pruneEventTables(this.pool, this.options.schema, this.options.retention);
        if (pruned.outbox + pruned.inbox > 0)
          this.log.info(pruned, 'outbox relay: pruned published outbox and old inbox rows');
      } catch (err) {
        this.log.warn({ err: errorText(err) }, 'outbox relay: pruning failed; trying again in an hour');
      }
    });
  }

  private async publishBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT seq, id, subject, payload::text AS payload, payload->>'traceparent' AS traceparent
           FROM ${this.table} WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      try {
        // One connection keeps publish order; awaiting acks together lets JetStream batch its fsyncs.
        await Promise.all(rows.map((row) => this.publish(row)));
      } catch (err) {
        await client.query('ROLLBACK');
        await this.recordFailure(rows, err);
        throw err;
      }
      await this.options.onPublished?.(rows.map((r) => r.id));
      await client.query(
        `UPDATE ${this.table} SET sent_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`,
        [rows.map((r) => r.seq)],
      );
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async publish(row: OutboxRow): Promise<void> {
    const h = natsHeaders();
    if (row.traceparent) h.set('traceparent', row.traceparent);
    // A producer span in the trace of the work that wrote the row (tracing off: none is made).
    const span = startSpanUnder(`publish ${row.subject}`, SpanKind.PRODUCER, row.traceparent, {
      'messaging.system': 'nats',
      'messaging.destination.name': row.subject,
      'messaging.message.id': row.id,
    });
    try {
      await this.options.js.publish(this.options.ns.subject(row.subject), row.payload, { msgID: row.id, headers: h });
    } catch (err) {
      span?.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span?.end();
    }
  }

  private async recordFailure(rows: OutboxRow[], err: unknown): Promise<void> {
    await this.pool
      .query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`, [
        rows.map((r) => r.seq),
        errorText(err).slice(0, 500),
      ])
      .catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const listener = new Client({
      connectionString: this.options.connectionString,
      application_name: `plh-${this.options.schema}-relay-listen`,
    });
    listener.on('notification', () => this.signal.notify());
    listener.on('error', (err) => {
      if (this.listener !== listener) return;
      this.listener = undefined;
      void listener.end().catch(() => undefined);
      this.log.warn({ err: errorText(err) }, 'outbox relay: LISTEN connection lost; polling until it is back');
      void this.relisten();
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${ident(this.channel)}`);
    } catch (err) {
      await listener.end().catch(() => undefined);
      throw err;
    }
    this.listener = listener;
    // Rows committed while nobody listened would otherwise wait for the next poll.
    this.signal.notify();
  }

  /** Re-establishes LISTEN with growing pauses until it works or the relay stops; polling covers the gap. */
  private async relisten(): Promise<void> {
    for (let attempt = 1; this.running && !this.listener; attempt++) {
      await Promise.race([delay(Math.min(250 * 2 ** attempt, 10_000)), this.stopRequested]);
      if (!this.running) return;
      try {
        await this.listen();
      } catch (err) {
        this.log.warn({ err: errorText(err), attempt }, 'outbox relay: LISTEN reconnect failed; retrying');
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
