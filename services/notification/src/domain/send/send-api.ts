import { randomUUID } from 'node:crypto';
import { NotFound, PayloadTooLarge } from '@plh/service-kit';
import type { NewMessage } from '../../data/message.repository';
import type { NotificationDeps } from '../deps';
import { DeliverMessages } from '../delivery/deliver-message.job-def';
import type { Notice } from '../messages/notice';
import { endpointMessages, queueMessages } from '../messages/plan-messages';
import { TopicNotAllowed } from '../problems';
import { isTopic, NIL_UUID, TOPICS } from '../topics';

type Deps = Pick<NotificationDeps, 'unitOfWork' | 'systemWork' | 'directory' | 'settings'>;

/** One email or SMS through the seed's send API (ops, other services): queued, then delivered like any other. */
export async function sendDirect(
  deps: Deps,
  input:
    | { channel: 'email'; tenantId: string | null; to: string; subject: string; text: string; html?: string }
    | { channel: 'sms'; tenantId: string | null; to: string; text: string },
  requestedBy: string,
): Promise<{ id: string; status: string }> {
  const tenantId = input.tenantId ?? NIL_UUID;
  const now = new Date();
  const message: NewMessage = {
    channel: input.channel,
    topic: 'direct',
    eventId: null,
    recipient: input.to,
    toAddress: input.to,
    endpointId: null,
    // Sent at once: an address given directly has no quiet hours.
    critical: false,
    content:
      input.channel === 'email'
        ? { subject: input.subject, text: input.text, ...(input.html ? { html: input.html } : {}) }
        : { text: input.text },
    secretValues: null,
    nextAttemptAt: now,
    requestedBy,
    sourceAvailableAt: null,
  };
  return deps.unitOfWork(tenantId, async (uow) => {
    if (input.channel === 'sms' && (await uow.platform.isOptedOut(input.to))) {
      message.status = 'suppressed';
      message.lastError = 'The number texted STOP; it gets no SMS until it texts START.';
      message.nextAttemptAt = null;
    }
    const [created] = await uow.messages.createMissing([message]);
    if (created!.status === 'queued')
      await uow.queue.enqueue(DeliverMessages, { messages: [{ id: created!.id, attempt: 0 }] });
    await uow.audit.record({
      action: `notification.send-${input.channel}`,
      resource: { type: 'message', id: created!.id },
    });
    return { id: created!.id, status: created!.status };
  });
}

/** An event of a webhook topic for one practice's subscribed endpoints (the seed's webhook send API). */
export async function sendWebhookEvent(
  deps: Deps,
  input: { tenantId: string; type: string; data: Record<string, unknown> },
  requestedBy: string,
): Promise<{ ids: string[] }> {
  if (!isTopic(input.type) || !TOPICS[input.type].webhook)
    throw new TopicNotAllowed(`"${input.type}" is not a webhook event type.`);
  const bytes = Buffer.byteLength(JSON.stringify(input.data));
  if (bytes > deps.settings.maxWebhookPayloadBytes)
    throw new PayloadTooLarge(
      `The data is ${bytes} bytes; webhooks carry at most ${deps.settings.maxWebhookPayloadBytes}.`,
    );
  const topic = input.type;
  const eventId = randomUUID();
  return deps.unitOfWork(input.tenantId, async (uow) => {
    // The caller's data as it is (nested objects too): a webhook's body is JSON.
    const values = input.data as Notice['values'];
    // Only the endpoints: this API speaks to partner systems, not to the practice's people.
    const notice = {
      topic,
      tenantId: input.tenantId,
      eventId,
      occurredAt: new Date().toISOString(),
      values,
      critical: false,
      sourceAvailableAt: null,
    };
    const ids = await queueMessages(uow, await endpointMessages(uow, notice, requestedBy));
    await uow.audit.record({ action: 'notification.send-webhook', resource: { type: 'event', id: eventId } });
    return { ids };
  });
}

/** A message's state and attempts, for the send API's caller (ops, services), by id alone. */
export async function messageStatus(deps: Deps, id: string) {
  const tenantId = await deps.systemWork(({ platform }) => platform.tenantOfMessage(id));
  if (!tenantId) throw new NotFound('No such message.');
  return deps.unitOfWork(tenantId, async ({ messages }) => {
    const message = await messages.byId(id);
    if (!message) throw new NotFound('No such message.');
    return { message, attempts: await messages.attemptsOf(id) };
  });
}
