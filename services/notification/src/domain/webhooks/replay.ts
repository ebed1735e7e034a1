import { randomUUID } from 'node:crypto';
import { NotFound } from '@plh/service-kit';
import type { NotificationDeps } from '../deps';
import { DeliverMessages, MAX_BATCH } from '../delivery/deliver-message.job-def';
import { queueMessages, webhookMessage } from '../messages/plan-messages';
import { MessageStateConflict } from '../problems';

type Deps = Pick<NotificationDeps, 'unitOfWork'>;

/**
 * Sends one delivered or failed webhook message again: the same message, so the same webhook-id.
 * Only webhooks: an email or SMS is never sent twice by a replay (its one-time link is gone anyway).
 */
export async function replayMessage(deps: Deps, tenantId: string, messageId: string): Promise<void> {
  await deps.unitOfWork(tenantId, async (uow) => {
    const message = await uow.messages.byId(messageId);
    if (!message) throw new NotFound('No such message.');
    if (message.channel !== 'webhook')
      throw new MessageStateConflict('Only webhook messages can be sent again; emails and SMS are not repeated.');
    if (!(await uow.messages.requeue(messageId, new Date())))
      throw new MessageStateConflict(
        `The message is ${message.status}: only a delivered or failed message can be sent again.`,
      );
    await uow.queue.enqueue(DeliverMessages, { messages: [{ id: messageId, attempt: message.attempts }] });
    await uow.audit.record({ action: 'message.replay', resource: { type: 'message', id: messageId } });
  });
}

/** Every failed message of an endpoint since a time, sent again now (after the partner fixed their side). */
export async function replayEndpointSince(
  deps: Deps,
  tenantId: string,
  endpointId: string,
  since: Date,
): Promise<number> {
  return deps.unitOfWork(
    tenantId,
    async (uow) => {
      if (!(await uow.endpoints.byId(endpointId))) throw new NotFound('No such webhook endpoint.');
      let replayed = 0;
      for (let after: { createdAt: Date; id: string } | null = null; ;) {
        const page = await uow.messages.endpointFailuresSince(endpointId, since, after, MAX_BATCH);
        if (page.length === 0) break;
        after = page.at(-1)!;
        const attempts = new Map(page.map((m) => [m.id, m.attempts]));
        const requeued = await uow.messages.requeueFailed([...attempts.keys()], new Date());
        if (requeued.length)
          await uow.queue.enqueue(DeliverMessages, {
            messages: requeued.map((id) => ({ id, attempt: attempts.get(id)! })),
          });
        replayed += requeued.length;
      }
      await uow.audit.record({
        action: 'webhook-endpoint.replay',
        resource: { type: 'webhook-endpoint', id: endpointId },
        changes: [
          { field: 'since', to: since.toISOString() },
          { field: 'messages', to: replayed },
        ],
      });
      return replayed;
    },
    { timeoutMs: 60_000 },
  );
}

/** A test message to one endpoint (the `notification.test` type), delivered like any other. */
export async function sendTestMessage(deps: Deps, tenantId: string, endpointId: string): Promise<string> {
  return deps.unitOfWork(tenantId, async (uow) => {
    const endpoint = await uow.endpoints.byId(endpointId);
    if (!endpoint) throw new NotFound('No such webhook endpoint.');
    const notice = {
      topic: 'notification.test' as const,
      tenantId,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      values: { endpointId },
      critical: false,
      sourceAvailableAt: null,
    };
    // This endpoint only, whatever it subscribed to.
    const [id] = await queueMessages(uow, [webhookMessage(endpoint.id, notice, 'test')]);
    await uow.audit.record({ action: 'webhook-endpoint.test', resource: { type: 'webhook-endpoint', id: endpointId } });
    return id!;
  });
}
