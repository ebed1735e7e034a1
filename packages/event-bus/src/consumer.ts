import {
  AckPolicy,
  DeliverPolicy,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import type { EventEnvelope, EventRegistry } from '@plh/contracts';
import type { SqlExecutor, TransactionRunner } from '@plh/db';
import { ConsumerPosition } from './consumer-recovery';
import { handleBatch } from './handle-batch';
import { MessageQueue } from './message-queue';
import { Namespace } from './naming';
import { ensureDeadLetterStream, ensureServiceStream, type StreamOptions } from './streams';

/** How often a consumer's resume position is refreshed (see consumer-recovery.ts). */
const POSITION_POLL_MS = 15_000;

/** Runs inside the transaction that also records the event in the inbox: effects and "seen" commit together. */
export type EventHandler<Tx extends SqlExecutor> = (event: EventEnvelope, tx: Tx) => Promise<void>;
/**
 * Handles the new events of a batch at once, in the transaction that records them in the inbox (no
 * tenant is set: the handler sets what it needs). For consumers whose work is cheaper per batch than
 * per event, like appending to the audit trail with one statement per practice.
 */
export type BatchEventHandler<Tx extends SqlExecutor> = (events: EventEnvelope[], tx: Tx) => Promise<void>;

export interface ConsumerOptions<Tx extends SqlExecutor> {
  nc: NatsConnection;
  js: JetStreamClient;
  ns: Namespace;
  registry: EventRegistry;
  db: TransactionRunner<Tx>;
  /** Durable name, unique per (service, purpose): `notification-order-events`. Also the inbox key. */
  name: string;
  /** Event types to receive; all from one service's stream. */
  types: string[];
  /** Exactly one of `handler` (each event as its tenant) and `batchHandler`. */
  handler?: EventHandler<Tx>;
  batchHandler?: BatchEventHandler<Tx>;
  /** Deliveries before a message goes to the dead-letter subject. */
  maxDeliver?: number;
  /** Delay before redelivery after a failure, by attempt (last value repeats). */
  retryDelaysMs?: number[];
  /** How long the server waits for an ack before redelivering; the consumer signals progress meanwhile. */
  ackWaitMs?: number;
  /**
   * Workers handling batches at once (default 4). Events carry no ordering promise anyway (a
   * redelivery can overtake a later event), so handlers must not rely on order.
   */
  concurrency?: number;
  /** Most messages one worker handles in one transaction (default 32); batches only form under load. */
  batchSize?: number;
  /**
   * Where the consumer starts the first time it is created: every event the stream still holds
   * (`all`, the default: an audit trail or a projection wants the past), or only events published from
   * then on (`new`: notifications, where news of the past is noise and old one-time links are dead).
   * Afterwards it always resumes where it left off.
   */
  startWith?: 'all' | 'new';
  /** Used only if the stream (or the dead-letter stream) does not exist yet. */
  streamOptions?: StreamOptions;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface RunningConsumer {
  /** The durable consumer's name (its metrics label). */
  name: string;
  /** Stops pulling, returns queued messages to the server, lets the batches in hand finish. */
  stop(): Promise<void>;
  /** What the server holds for it: messages not yet delivered, delivered but not acked, and redelivered. */
  lag(): Promise<{ pending: number; ackPending: number; redelivered: number }>;
}

/**
 * Durable pull consumer with explicit acks, at-least-once, made effectively-once by the inbox:
 * 1. Parse and validate against the contract: an invalid event can never succeed, so it is
 *    dead-lettered at once and terminated.
 * 2. In a DB transaction: insert (consumer, event id) into `inbox`; if it was already there the
 *    event was handled before (a redelivery or a republish) and nothing runs; else run the handler
 *    with `app.tenant_id` set to the event's tenant. Messages that arrive together share the
 *    transaction; if any fails, each is retried alone (handle-batch.ts).
 * 3. Ack after commit. On failure: nak with a delay; on the last allowed delivery, dead-letter + term.
 */
export async function startConsumer<Tx extends SqlExecutor>(options: ConsumerOptions<Tx>): Promise<RunningConsumer> {
  const { nc, js, ns, name } = options;
  if (!options.handler === !options.batchHandler) throw new Error(`consumer ${name}: give a handler or a batchHandler`);
  const services = new Set(options.types.map(Namespace.serviceOf));
  if (services.size !== 1) throw new Error(`consumer ${name}: all types must come from one service's stream`);
  const [service] = [...services] as [string];
  const maxDeliver = options.maxDeliver ?? 5;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const jsm = await jetstreamManager(nc);
  // Not the stream's owner: create it if the publisher has not yet, never change its config.
  const stream = await ensureServiceStream(jsm, ns, service, options.streamOptions, false);
  await ensureDeadLetterStream(jsm, ns, options.streamOptions);
  const consumerConfig = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    filter_subjects: options.types.map((t) => ns.subject(t)),
    // One more than ours: if we crash on the last try, the server still redelivers once so we can
    // dead-letter it instead of leaving it stranded.
    max_deliver: maxDeliver + 1,
    ack_wait: nanos(ackWaitMs),
    max_ack_pending: 1_000,
  };
  // The deliver policy only matters at creation (and cannot be changed by an update).
  const deliver_policy = options.startWith === 'new' ? DeliverPolicy.New : DeliverPolicy.All;
  const position = new ConsumerPosition(jsm, stream, name, options.startWith ?? 'all');
  try {
    await jsm.consumers.info(stream, name);
    position.record(await jsm.consumers.update(stream, name, consumerConfig));
  } catch {
    position.record(await jsm.consumers.add(stream, { ...consumerConfig, deliver_policy }));
  }
  // Keeps the resume position fresh between metrics scrapes (one small request per consumer).
  const watch = setInterval(() => void position.read().catch(() => undefined), POSITION_POLL_MS);
  watch.unref();

  const ctx = { options, stream, maxDeliver, ackWaitMs };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const queue = new MessageQueue<JsMsg>(batchSize * concurrency);
  let stopping = false;
  let messages: ConsumerMessages | undefined;

  const workers = Array.from({ length: concurrency }, async () => {
    for (;;) {
      const batch = await queue.take(batchSize);
      if (batch.length === 0) return; // closed and drained
      await handleBatch(ctx, batch).catch((err: unknown) =>
        // Only infrastructure can fail here (dead-letter publish); unacked messages are redelivered.
        options.log?.error({ consumer: name, err: String(err) }, 'batch handling failed'),
      );
    }
  });
  const pull = (async () => {
    while (!stopping) {
      try {
        const consumer = await js.consumers.get(stream, name);
        // A deleted consumer ends the iteration (instead of waiting for someone to restore it): it is
        // recreated below, from where it was.
        messages = await consumer.consume({ max_messages: batchSize * concurrency, abort_on_missing_resource: true });
        if (stopping) break; // stop() ran while we were subscribing
        for await (const msg of messages) {
          if (!(await queue.push(msg))) msg.nak(); // arrived after stop(): back to the server
        }
      } catch (err) {
        // Server restart, consumer re-created, heartbeats missed: resubscribe after a short pause.
        if (!stopping) options.log?.warn({ consumer: name, err: String(err) }, 'consumer interrupted; resuming');
      }
      if (!stopping) {
        const resumedAt = await position.recreateIfGone({ ...consumerConfig }).catch(() => null);
        if (resumedAt !== null)
          options.log?.warn(
            { consumer: name, streamSequence: resumedAt },
            'durable consumer was gone: recreated from its last acknowledged position (the inbox drops repeats)',
          );
      }
      if (!stopping) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // stop(), not close(): close() waits for an iteration to end, and none runs if stop() came
    // between subscribing and the first message (a service stopped right after it started).
    messages?.stop();
  })();

  return {
    name,
    lag: async () => {
      const info = position.record(await jsm.consumers.info(stream, name));
      return { pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered };
    },
    stop: async () => {
      stopping = true;
      clearInterval(watch);
      messages?.stop(); // ends the for-await of `pull`, which the await below waits for
      // Messages not yet started go back to the server now rather than after their ack deadline.
      for (const msg of queue.close()) msg.nak();
      await pull;
      await Promise.all(workers);
    },
  };
}
