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
import { publishDeadLetter } from './dead-letter';
import { Namespace } from './naming';
import { ensureDeadLetterStream, ensureServiceStream } from './streams';

/** Runs inside the transaction that also records the event in the inbox: effects and "seen" commit together. */
export type EventHandler<Tx extends SqlExecutor> = (event: EventEnvelope, tx: Tx) => Promise<void>;

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
  handler: EventHandler<Tx>;
  /** Deliveries before a message goes to the dead-letter subject. */
  maxDeliver?: number;
  /** Delay before redelivery after a failure, by attempt (last value repeats). */
  retryDelaysMs?: number[];
  /** How long the server waits for an ack before redelivering; the consumer signals progress meanwhile. */
  ackWaitMs?: number;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface RunningConsumer {
  /** Stops pulling, lets the message in hand finish, and resolves. */
  stop(): Promise<void>;
}

/**
 * Durable pull consumer with explicit acks, at-least-once, made effectively-once by the inbox:
 * 1. Parse and validate against the contract: an invalid event can never succeed, so it is
 *    dead-lettered at once and terminated.
 * 2. In one DB transaction: insert (consumer, event id) into `inbox`; if it was already there the
 *    event was handled before (a redelivery or a republish) and nothing runs; else run the handler.
 * 3. Ack after commit. On failure: nak with a delay; on the last allowed delivery, dead-letter + term.
 */
export async function startConsumer<Tx extends SqlExecutor>(options: ConsumerOptions<Tx>): Promise<RunningConsumer> {
  const { nc, js, ns, name } = options;
  const services = new Set(options.types.map(Namespace.serviceOf));
  if (services.size !== 1) throw new Error(`consumer ${name}: all types must come from one service's stream`);
  const [service] = [...services] as [string];
  const maxDeliver = options.maxDeliver ?? 5;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const jsm = await jetstreamManager(nc);
  const stream = await ensureServiceStream(jsm, ns, service);
  await ensureDeadLetterStream(jsm, ns);
  const consumerConfig = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subjects: options.types.map((t) => ns.subject(t)),
    // One more than ours: if we crash on the last try, the server still redelivers once so we can
    // dead-letter it instead of leaving it stranded.
    max_deliver: maxDeliver + 1,
    ack_wait: nanos(ackWaitMs),
    max_ack_pending: 1_000,
  };
  try {
    await jsm.consumers.info(stream, name);
    await jsm.consumers.update(stream, name, consumerConfig);
  } catch {
    await jsm.consumers.add(stream, consumerConfig);
  }

  let stopping = false;
  let messages: ConsumerMessages | undefined;
  const process = (msg: JsMsg) => handleMessage(options, stream, maxDeliver, ackWaitMs, msg);
  const loop = (async () => {
    while (!stopping) {
      try {
        const consumer = await js.consumers.get(stream, name);
        messages = await consumer.consume({ max_messages: 64 });
        for await (const msg of messages) {
          await process(msg);
          if (stopping) break;
        }
      } catch (err) {
        // Server restart, consumer re-created, heartbeats missed: resubscribe after a short pause.
        if (!stopping) options.log?.warn({ consumer: name, err: String(err) }, 'consumer interrupted; resuming');
      }
      if (!stopping) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();

  return {
    stop: async () => {
      stopping = true;
      await messages?.close();
      await loop;
    },
  };
}

async function handleMessage<Tx extends SqlExecutor>(
  options: ConsumerOptions<Tx>,
  stream: string,
  maxDeliver: number,
  ackWaitMs: number,
  msg: JsMsg,
): Promise<void> {
  const { registry, db, name, handler } = options;
  const deliveries = msg.info.deliveryCount;
  const payload = msg.string();
  const deadLetter = async (reason: 'handler_failed' | 'invalid_event', error: string, event?: EventEnvelope) => {
    await publishDeadLetter(options.js, options.ns, {
      consumer: name,
      subject: msg.subject,
      stream,
      streamSequence: msg.seq,
      deliveries,
      reason,
      error: error.slice(0, 2_000),
      failedAt: new Date().toISOString(),
      eventId: event?.id ?? null,
      eventType: event?.type ?? options.ns.typeOf(msg.subject),
      payload,
    });
    msg.term(reason);
  };

  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return deadLetter('invalid_event', 'payload is not JSON');
  }
  const validation = registry.validate(parsed);
  if (!validation.ok) {
    return deadLetter('invalid_event', validation.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  }
  const event = validation.event;
  if (deliveries > maxDeliver) return deadLetter('handler_failed', 'delivery limit reached (consumer crashed on its last try)', event);

  // Long handlers keep the message from being redelivered to another replica meanwhile.
  const progress = setInterval(() => msg.working(), Math.max(ackWaitMs / 3, 1_000));
  try {
    await db.$transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        'INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2::uuid, $3) ON CONFLICT DO NOTHING',
        name,
        event.id,
        event.type,
      );
      if (inserted === 0) return; // handled before: a redelivery must not repeat the side effects
      await handler(event, tx);
    });
    msg.ack();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (deliveries >= maxDeliver) {
      options.log?.error({ consumer: name, eventId: event.id, type: event.type, deliveries, err: error }, 'event dead-lettered');
      await deadLetter('handler_failed', error, event);
    } else {
      const delays = options.retryDelaysMs ?? [1_000, 5_000, 30_000];
      const delay = delays[Math.min(deliveries - 1, delays.length - 1)] ?? 1_000;
      options.log?.warn({ consumer: name, eventId: event.id, type: event.type, deliveries, err: error }, 'handler failed; will retry');
      msg.nak(delay);
    }
  } finally {
    clearInterval(progress);
  }
}
