import type { JsMsg } from '@nats-io/jetstream';
import { scrubMessage, type EventEnvelope } from '@plh/contracts';
import { TENANT_SETTING, type SqlExecutor } from '@plh/db';
import type { ConsumerOptions } from './consumer';
import { publishDeadLetter } from './dead-letter';

export interface BatchContext<Tx extends SqlExecutor> {
  options: ConsumerOptions<Tx>;
  stream: string;
  maxDeliver: number;
  ackWaitMs: number;
}

interface Valid {
  msg: JsMsg;
  event: EventEnvelope;
}

/**
 * Handles messages that arrived together in ONE database transaction (one commit, one fsync): one
 * multi-row inbox insert says which events are new, their handlers run, all commit together.
 * Failures are rare, so the batch is optimistic: if anything throws, the whole transaction rolls
 * back and each message is retried alone in its own transaction, so one bad event never holds
 * back or undoes the others.
 */
export async function handleBatch<Tx extends SqlExecutor>(ctx: BatchContext<Tx>, msgs: JsMsg[]): Promise<void> {
  const valid: Valid[] = [];
  for (const msg of msgs) {
    const event = await screen(ctx, msg);
    if (event) valid.push({ msg, event });
  }
  if (valid.length === 0) return;

  const progress = setInterval(() => valid.forEach((v) => v.msg.working()), Math.max(ctx.ackWaitMs / 3, 1_000));
  try {
    await ctx.options.db.$transaction((tx) => runOnce(ctx, tx, valid), { timeout: ctx.ackWaitMs, maxWait: 10_000 });
    for (const { msg } of valid) msg.ack();
    return;
  } catch (err) {
    if (valid.length === 1) {
      const [{ msg, event }] = valid as [Valid];
      await retryOrDeadLetter(ctx, msg, event, errorText(err));
      return;
    }
  } finally {
    clearInterval(progress);
  }
  for (const one of valid) await handleBatch(ctx, [one.msg]);
}

/** Inbox first: events already recorded (redelivered, republished, or twice in this batch) run nothing. */
async function runOnce<Tx extends SqlExecutor>(ctx: BatchContext<Tx>, tx: Tx, valid: Valid[]): Promise<void> {
  const rows = await tx.$queryRawUnsafe<{ event_id: string }[]>(
    `INSERT INTO inbox (consumer, event_id, event_type)
     SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
     ON CONFLICT DO NOTHING RETURNING event_id::text`,
    ctx.options.name,
    valid.map((v) => v.event.id),
    valid.map((v) => v.event.type),
  );
  const fresh = new Set(rows.map((r) => r.event_id.toLowerCase()));
  const events = valid.map((v) => v.event).filter((event) => fresh.delete(event.id.toLowerCase()));
  const { handler, batchHandler } = ctx.options;
  if (batchHandler && events.length > 0) await batchHandler(events, tx);
  for (const event of events) {
    if (!handler) break;
    // Each handler runs as its event's tenant (row-level security applies), never as the tenant of
    // the event before it in the batch; a platform-wide event (no tenant) sees no tenant rows.
    await tx.$queryRawUnsafe(`SELECT set_config('${TENANT_SETTING}', $1, true)`, event.tenantId ?? '');
    await handler(event, tx);
  }
  // A handler that swallowed an SQL error leaves the transaction aborted, and COMMIT would then
  // roll back without an error: this statement fails instead, so nothing is acked.
  await tx.$queryRawUnsafe('SELECT 1');
}

/** Parses and validates; what can never succeed is dead-lettered at once. */
async function screen<Tx extends SqlExecutor>(ctx: BatchContext<Tx>, msg: JsMsg): Promise<EventEnvelope | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(msg.string());
  } catch {
    await deadLetter(ctx, msg, 'invalid_event', 'payload is not JSON');
    return null;
  }
  const validation = ctx.options.registry.validate(parsed);
  if (!validation.ok) {
    await deadLetter(ctx, msg, 'invalid_event', validation.errors.map((e) => `${e.path} ${e.message}`).join('; '));
    return null;
  }
  if (msg.info.deliveryCount > ctx.maxDeliver) {
    await deadLetter(
      ctx,
      msg,
      'handler_failed',
      'delivery limit reached (consumer crashed on its last try)',
      validation.event,
    );
    return null;
  }
  return validation.event;
}

async function retryOrDeadLetter<Tx extends SqlExecutor>(
  ctx: BatchContext<Tx>,
  msg: JsMsg,
  event: EventEnvelope,
  error: string,
) {
  const { options } = ctx;
  const deliveries = msg.info.deliveryCount;
  const fields = { consumer: options.name, eventId: event.id, type: event.type, deliveries, err: error };
  if (deliveries >= ctx.maxDeliver) {
    options.log?.error(fields, 'event dead-lettered');
    await deadLetter(ctx, msg, 'handler_failed', error, event);
    return;
  }
  const delays = options.retryDelaysMs ?? [1_000, 5_000, 30_000];
  options.log?.warn(fields, 'handler failed; will retry');
  msg.nak(delays[Math.min(deliveries - 1, delays.length - 1)] ?? 1_000);
}

async function deadLetter<Tx extends SqlExecutor>(
  ctx: BatchContext<Tx>,
  msg: JsMsg,
  reason: 'handler_failed' | 'invalid_event',
  error: string,
  event?: EventEnvelope,
): Promise<void> {
  await publishDeadLetter(ctx.options.js, ctx.options.ns, {
    consumer: ctx.options.name,
    subject: msg.subject,
    stream: ctx.stream,
    streamSequence: msg.seq,
    deliveries: msg.info.deliveryCount,
    reason,
    error: scrubMessage(error).slice(0, 2_000),
    failedAt: new Date().toISOString(),
    eventId: event?.id ?? null,
    eventType: event?.type ?? ctx.options.ns.typeOf(msg.subject),
    payload: msg.string(),
  });
  msg.term(reason);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
