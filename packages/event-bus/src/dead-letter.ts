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
  // An empty stream reports first_seq 0, which no message has (asking for it is a bad request).
  if (!info || info.state.messages === 0) return [];
  const letters: StoredDeadLetter[] = [];
  const limit = options.limit ?? 100;
  for (let seq = Math.max(info.state.first_seq, 1); seq <= info.state.last_seq && letters.length < limit; seq++) {
    const letter = await getDeadLetter(jsm, ns, seq); // a gap: retried, so deleted
    if (letter && (!options.consumer || letter.consumer === options.consumer)) letters.push(letter);
  }
  return letters;
}

/** One dead letter by its sequence in the dead-letter stream; null when there is none (retried already). */
export async function getDeadLetter(jsm: JetStreamManager, ns: Namespace, sequence: number) {
  const msg = await jsm.streams.getMessage(ns.deadLetterStream().name, { seq: sequence }).catch((err: unknown) => {
    // Not there, or nothing was ever dead-lettered (no stream yet): none. Anything else is an outage.
    if (/no message found|stream not found/i.test(String(err))) return null;
    throw err;
  });
  return msg ? { ...msg.json<DeadLetter>(), sequence } : null;
}

/**
 * Retries a dead letter once its cause is fixed: the original message is published again on its subject
 * (a new message id, so JetStream's duplicate window does not drop it) and the letter leaves the
 * dead-letter stream. Every consumer of that subject sees the event again; those that handled it already
 * skip it through their inbox, the one that gave up runs it. Null when there is no such letter (retried
 * already, perhaps at the same moment by someone else: the event then went out twice, which the
 * consumers' inboxes absorb).
 */
export async function retryDeadLetter(
  js: JetStreamClient,
  jsm: JetStreamManager,
  ns: Namespace,
  sequence: number,
): Promise<StoredDeadLetter | null> {
  const letter = await getDeadLetter(jsm, ns, sequence);
  if (!letter) return null;
  await js.publish(letter.subject, letter.payload, {
    msgID: `${letter.eventId ?? `${letter.stream}:${letter.streamSequence}`}:retry:${ns.deadLetterStream().name}:${sequence}`,
  });
  const deleted = await jsm.streams.deleteMessage(ns.deadLetterStream().name, sequence).catch((err: unknown) => {
    if (/no message found/i.test(String(err))) return false;
    throw err;
  });
  return deleted ? letter : null;
}
