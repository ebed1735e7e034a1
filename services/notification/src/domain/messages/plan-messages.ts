import type { DirectoryUser } from '@plh/contracts';
import type { NewMessage } from '../../data/message.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { DeliverMessages, MAX_BATCH } from '../delivery/deliver-message.job-def';
import { NIL_UUID, TOPICS, type PersonChannel, type Topic } from '../topics';
import type { Notice } from './notice';
import { afterQuietHours } from './quiet-hours';

/** The channels one person gets a topic on: theirs, else the practice's, else the topic's default. */
export function channelsFor(
  topic: Topic,
  userId: string,
  preferences: ReadonlyArray<{ userId: string; topic: string; channels: string[] }>,
): PersonChannel[] {
  const def = TOPICS[topic];
  if (!def.configurable) return [...def.defaultChannels];
  const own = preferences.find((p) => p.userId === userId && p.topic === topic);
  const practice = preferences.find((p) => p.userId === NIL_UUID && p.topic === topic);
  return ((own ?? practice)?.channels ?? def.defaultChannels) as PersonChannel[];
}

/** A webhook's body (Standard Webhooks' recommended shape): type, timestamp and ids-only data. */
export function webhookPayload(notice: Pick<Notice, 'topic' | 'tenantId' | 'occurredAt' | 'values'>) {
  // The practice last: no value may pass for another practice.
  return { type: notice.topic, timestamp: notice.occurredAt, data: { ...notice.values, practiceId: notice.tenantId } };
}

/**
 * Creates the messages that do not exist yet and queues their first attempt: the messages due at the
 * same time go together, up to MAX_BATCH a job.
 */
export async function queueMessages(uow: UnitOfWork, rows: NewMessage[]): Promise<string[]> {
  const created = await uow.messages.createMissing(rows);
  const byTime = new Map<number, string[]>();
  for (const m of created) {
    if (m.status !== 'queued') continue;
    const at = (m.nextAttemptAt ?? new Date()).getTime();
    byTime.set(at, [...(byTime.get(at) ?? []), m.id]);
  }
  for (const [at, ids] of byTime)
    for (let i = 0; i < ids.length; i += MAX_BATCH)
      await uow.queue.enqueue(
        DeliverMessages,
        { messages: ids.slice(i, i + MAX_BATCH).map((id) => ({ id, attempt: 0 })) },
        { runAt: new Date(at) },
      );
  return created.map((m) => m.id);
}

const commonOf = (notice: Notice, requestedBy: string) => ({
  topic: notice.topic,
  eventId: notice.eventId,
  critical: notice.critical,
  requestedBy,
  sourceAvailableAt: notice.sourceAvailableAt,
});

/**
 * One message per person and channel of their preferences. A message for one named user about their
 * own account (an invitation, a reset link) and a critical one go at once; others wait for the end of
 * the recipient's quiet hours.
 */
export async function personMessages(
  uow: UnitOfWork,
  notice: Notice,
  people: readonly DirectoryUser[],
  requestedBy: string,
): Promise<NewMessage[]> {
  if (people.length === 0) return [];
  const now = new Date();
  const rows: NewMessage[] = [];
  const def = TOPICS[notice.topic];
  const preferences = def.configurable ? await uow.preferences.all() : [];
  const settings = new Map((await uow.preferences.settings(people.map((p) => p.id))).map((s) => [s.userId, s]));
  const atOnce = notice.critical || 'subjectUser' in def.audience;
  for (const person of people) {
    const setting = settings.get(person.id) ?? null;
    const later = atOnce ? null : afterQuietHours(now, setting);
    for (const channel of channelsFor(notice.topic, person.id, preferences)) {
      const address = channel === 'email' ? person.email : (setting?.phone ?? null);
      if (!address) continue; // no SMS number given: nobody to text
      const optedOut = channel === 'sms' && (await uow.platform.isOptedOut(address));
      rows.push({
        ...commonOf(notice, requestedBy),
        channel,
        recipient: person.id,
        toAddress: address,
        endpointId: null,
        content: notice.values,
        secretValues: notice.secretValues ?? null,
        status: optedOut ? 'suppressed' : 'queued',
        lastError: optedOut ? 'The number texted STOP; it gets no SMS until it texts START.' : null,
        nextAttemptAt: optedOut ? null : (later ?? now),
      });
    }
  }
  return rows;
}

/** One message per enabled endpoint subscribed to the topic (never one carrying a one-time link). */
export async function endpointMessages(uow: UnitOfWork, notice: Notice, requestedBy: string): Promise<NewMessage[]> {
  if (!TOPICS[notice.topic].webhook) return [];
  return (await uow.endpoints.subscribedTo(notice.topic)).map((e) => webhookMessage(e.id, notice, requestedBy));
}

/** The message of one webhook endpoint: its body is the payload, the same on every attempt. */
export function webhookMessage(endpointId: string, notice: Notice, requestedBy: string): NewMessage {
  return {
    ...commonOf(notice, requestedBy),
    channel: 'webhook',
    recipient: endpointId,
    toAddress: null,
    endpointId,
    content: webhookPayload(notice),
    secretValues: null,
    nextAttemptAt: new Date(),
  };
}
