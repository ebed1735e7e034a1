/**
 * Outbox end-to-end (commit -> relay -> JetStream -> consumer handler in its own DB transaction
 * with the inbox) against a bare JetStream publish -> consume, in the same run, on the same
 * servers: PostgreSQL with fsync on, nats-server with `sync_interval: always`.
 *   latency:    a steady rate (BENCH_RATE/s, BENCH_LATENCY_N messages), p50/p99 from producer call to handler
 *   throughput: BENCH_THROUGHPUT_N messages from BENCH_CONCURRENCY producers, as fast as they go
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AckPolicy } from '@nats-io/jetstream';
import { Type } from '@sinclair/typebox';
import { createEvent, defineEvent, EventRegistry } from '@plh/contracts';
import { PgDatabase, setupServiceDatabase, type SqlExecutor } from '@plh/db';
import { connectNats, enqueueEvent, ensureServiceStream, Namespace, OutboxRelay, startConsumer } from '@plh/event-bus';
import { startEmbeddedPostgres, startNatsServer } from '@plh/test-kit';
import { Client } from 'pg';
import { fmt, paced, percentile, pool, report } from './stats';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const LATENCY_N = Number(process.env.BENCH_LATENCY_N ?? 2_000);
const WARMUP_N = Number(process.env.BENCH_WARMUP_N ?? 500);
const THROUGHPUT_N = Number(process.env.BENCH_THROUGHPUT_N ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const Ping = defineEvent(
  'plh.bench.ping.sent',
  Type.Object({ seq: Type.Integer(), sentAt: Type.Number() }, { additionalProperties: false }),
  'benchmark message',
);
const registry = new EventRegistry([Ping]);

interface Result {
  p50: number;
  p99: number;
  perSec: number;
}

/** Runs the latency phase then the throughput phase of one pipeline. */
async function measure(send: (seq: number) => Promise<void>, received: () => number[]): Promise<Result> {
  // Warm-up (JIT, connection pools, stream and consumer creation), not measured.
  await paced(WARMUP_N, RATE, send);
  await until(() => received().length >= WARMUP_N);
  received().splice(0);
  await paced(LATENCY_N, RATE, (i) => send(WARMUP_N + i));
  await until(() => received().length >= LATENCY_N);
  const latencies = received().splice(0);
  const start = performance.now();
  await pool(THROUGHPUT_N, CONCURRENCY, (i) => send(WARMUP_N + LATENCY_N + i));
  await until(() => received().length >= THROUGHPUT_N);
  const seconds = (performance.now() - start) / 1000;
  received().splice(0);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSec: THROUGHPUT_N / seconds };
}

async function until(done: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('benchmark stalled');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ fast: false });
  const natsServer = await startNatsServer();
  const nats = await connectNats(natsServer.url, 'bench');
  try {
    const admin = new Client({ connectionString: pg.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plh-bench-'));
    mkdirSync(path.join(dir, '20260101000000_event_bus'));
    writeFileSync(
      path.join(dir, '20260101000000_event_bus', 'migration.sql'),
      `${readFileSync(path.join(__dirname, '../packages/event-bus/sql/event-bus.sql'), 'utf8')}
       CREATE TABLE note (seq int PRIMARY KEY);`,
    );
    const { appUrl } = await setupServiceDatabase(pg.adminUrl.replace(/\/postgres$/, '/bench'), 'bench', dir, {
      migratorPassword: 'bench-m',
      appPassword: 'bench-a',
    });
    const db = new PgDatabase({ connectionString: appUrl, max: CONCURRENCY + 4 });

    // Baseline: bare JetStream, publish with ack -> durable pull consumer with explicit ack.
    const bareNs = new Namespace('bare');
    const bareStream = await ensureServiceStream(nats.jsm, bareNs, 'bench');
    await nats.jsm.consumers.add(bareStream, { durable_name: 'bare', ack_policy: AckPolicy.Explicit });
    const bareReceived: number[] = [];
    const bareMessages = await (await nats.js.consumers.get(bareStream, 'bare')).consume();
    void (async () => {
      for await (const m of bareMessages) {
        bareReceived.push(performance.now() - m.json<{ sentAt: number }>().sentAt);
        m.ack();
      }
    })();
    const bare = await measure(
      (seq) =>
        nats.js
          .publish(bareNs.subject(Ping.type), JSON.stringify({ seq, sentAt: performance.now() }))
          .then(() => undefined),
      () => bareReceived,
    );
    await bareMessages.close();

    // Outbox: transaction (state change + outbox row) -> relay -> JetStream -> consumer (inbox + handler in a transaction).
    const ns = new Namespace('outbox');
    const relay = new OutboxRelay({
      connectionString: appUrl,
      schema: 'bench',
      service: 'bench',
      js: nats.js,
      jsm: nats.jsm,
      ns,
    });
    await relay.start();
    const handled: number[] = [];
    const consumer = await startConsumer<SqlExecutor>({
      nc: nats.nc,
      js: nats.js,
      ns,
      registry,
      db,
      name: 'bench',
      types: [Ping.type],
      handler: async (event) => void handled.push(performance.now() - (event.data.sentAt as number)),
    });
    const outbox = await measure(
      async (seq) => {
        const sentAt = performance.now();
        await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('INSERT INTO bench.note (seq) VALUES ($1)', seq);
          await enqueueEvent(
            tx,
            registry,
            createEvent(Ping, { source: 'bench', tenantId: null, data: { seq, sentAt } }),
          );
        });
      },
      () => handled,
    );
    await consumer.stop();
    await relay.stop();
    await db.end();

    const row = (name: string, r: Result) =>
      `| ${name.padEnd(34)} | ${fmt(r.p50, 2).padStart(8)} | ${fmt(r.p99, 2).padStart(8)} | ${fmt(r.perSec, 0).padStart(10)} |`;
    console.log(
      `\nOutbox benchmark: latency at ${RATE} msg/s x ${LATENCY_N}; throughput ${THROUGHPUT_N} msgs, ${CONCURRENCY} producers`,
    );
    console.log('| pipeline                           | p50 (ms) | p99 (ms) |    msgs/s |');
    console.log('|------------------------------------|----------|----------|-----------|');
    console.log(row('bare JetStream publish -> consume', bare));
    console.log(row('outbox commit -> relay -> handler', outbox));
    console.log(
      `ratios (outbox / bare): p50 ${fmt(outbox.p50 / bare.p50, 2)}x, p99 ${fmt(outbox.p99 / bare.p99, 2)}x, ` +
        `throughput ${fmt(outbox.perSec / bare.perSec, 2)}x`,
    );
    report('outbox', {
      'outbox msgs/s': outbox.perSec,
      'bare msgs/s': bare.perSec,
      'outbox p50 ms': outbox.p50,
      'outbox p99 ms': outbox.p99,
      'bare p99 ms': bare.p99,
    });
    console.log(
      `targets: outbox p99 < 50 ms: ${outbox.p99 < 50 ? 'met' : 'MISSED'}; throughput >= 0.5x bare: ${outbox.perSec >= 0.5 * bare.perSec ? 'met' : 'MISSED'}`,
    );
  } finally {
    await nats.nc.close();
    await natsServer.stop();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
