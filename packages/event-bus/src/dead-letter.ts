import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { Namespace } from './naming';

/** What ops sees for each message a consumer gave up on. */
export interface DeadLetter {
  consumer: string;
  /** Original subject and stream sequence, so the message can be found and replayed. */
  subject: string;
  stream: string;
  streamSequence: number;
  deliveries: number;
  reason: 'handler_failed' | 'invalid_event';
  /** The last error, scrubbed of echoed values (scrubMessage) and truncated. */
  error: string;
  failedAt: string;
  eventId: string | null;
  eventType: string | null;
  /** The original message body as received (an envelope of ids only). */
  payload: string;
}

export async function publishDeadLetter(js: JetStreamClient, ns: Namespace, letter: DeadLetter): Promise<void> {
  const h = natsHeaders();
  h.set('plh-dlq-consumer', letter.consumer);
  h.set('plh-dlq-reason', letter.reason);
  const msgID = `${letter.stream}:${letter.streamSequence}:${letter.consumer}`;
  await js.publish(ns.deadLetterSubject(letter.consumer, letter.eventType ?? 'unknown'), JSON.stringify(letter), {
    msgID,
    headers: h,
  });
}

/** A dead letter as kept: its own sequence in the dead-letter stream names it for a retry. */
export interface StoredDeadLetter extends DeadLetter {
  sequence: number;
}

/** Reads the dead-letter stream (oldest first), optionally only one consumer's letters: the ops view. */
export async function listDeadLetters(
  jsm: JetStreamManager,
  ns: Namespace,
  options: { consumer?: string; limit?: number } = {},
): Promise<StoredDeadLetter[]> {
  const { name } = ns.deadLetterStream();
  const info = await jsm.streams.info(name).catch((err: unknown) => {
    if (/stream not found/i.test(String(err))) return null; // nothing was ever dead-lettered
    throw err;
  });
  if (!info) return [];
  const letters: StoredDeadLetter[] = [];
  const limit = options.limit ?? 100;
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && letters.length < limit; seq++) {
    const msg = await jsm.streams.getMessage(name, { seq }).catch(() => null);
    if (!msg) continue;
    const letter = msg.json<DeadLetter>();
    if (!options.consumer || letter.consumer === options.consumer) letters.push({ ...letter, sequence: seq });
  }
  return letters;
}

/**
 * Retries a dead letter once its cause is fixed: the original message is published again on its subject
 * (a new message id, so JetStream's duplicate window does not drop it) and the letter leaves the
 * dead-letter stream. Every consumer of that subject sees the event again; those that handled it already
 * skip it through their inbox, the one that gave up runs it. Null when there is no such letter (retried
 * already).
 */
export async function retryDeadLetter(
  js: JetStreamClient,
  jsm: JetStreamManager,
  ns: Namespace,
  sequence: number,
): Promise<StoredDeadLetter | null> {
  const { name } = ns.deadLetterStream();
  const msg = await jsm.streams.getMessage(name, { seq: sequence }).catch(() => null);
  if (!msg) return null;
  const letter = msg.json<DeadLetter>();
  await js.publish(letter.subject, letter.payload, {
    msgID: `${letter.eventId ?? `${letter.stream}:${letter.streamSequence}`}:retry:${name}:${sequence}`,
  });
  await jsm.streams.deleteMessage(name, sequence);
  return { ...letter, sequence };
}
