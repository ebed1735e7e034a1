import { randomUUID } from 'node:crypto';
import { createEvent, ComplianceAlertDelivered } from '@plh/contracts';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { NotificationDeps } from '../deps';
import { planMessages } from '../messages/plan-messages';
import { nextAttemptDelayMs } from '../webhooks/retry-schedule';
import { DeliverMessage } from './deliver-message.job-def';
import { sendByChannel, type SendOutcome } from './send-by-channel';

/**
 * One attempt at one message: read it, send it (outside any transaction: a provider may take
 * seconds), then record the attempt and what follows in one transaction — delivered (and the alert's
 * SLA figure), retried on the schedule, or failed for good. A job for an attempt that was already made
 * (by another worker, or before a replay) does nothing.
 */
export async function deliverMessage(
  deps: NotificationDeps,
  tenantId: string,
  payload: { messageId: string; attempt: number },
): Promise<void> {
  const found = await deps.unitOfWork(tenantId, async ({ messages, endpoints }) => {
    const message = await messages.byId(payload.messageId);
    if (!message || message.status !== 'queued' || message.attempts !== payload.attempt) return null;
    return { message, endpoint: message.endpointId ? await endpoints.byId(message.endpointId) : null };
  });
  if (!found) return;
  const { message, endpoint } = found;
  const outcome = await sendByChannel(deps, message, endpoint);
  const now = new Date();
  await deps.unitOfWork(tenantId, async (uow) => {
    if (outcome.succeeded) await recordSuccess(uow, deps, message, outcome, now);
    else await recordFailure(uow, deps, message, outcome, now);
  });
}

type Message = Awaited<ReturnType<UnitOfWork['messages']['byId']>> & object;

async function recordSuccess(
  uow: UnitOfWork,
  deps: NotificationDeps,
  message: Message,
  outcome: SendOutcome,
  now: Date,
) {
  // An email or SMS accepted by its provider is `sent` (its delivery event moves it on); a webhook
  // answered 2xx is delivered.
  const delivered = message.channel === 'webhook';
  const counted = await uow.messages.recordDelivery(message.id, message.attempts, outcome.tries, {
    status: delivered ? 'delivered' : 'sent',
    provider: outcome.provider,
    providerMessageId: outcome.providerMessageId,
    sentAt: now,
    ...(delivered ? { deliveredAt: now } : {}),
    nextAttemptAt: null,
    lastError: null,
    clearSecrets: true,
  });
  if (!counted) return;
  if (message.endpointId) await uow.endpoints.markHealthy(message.endpointId);
  if (message.topic === 'compliance.alert' && message.eventId)
    await recordAlertDelivery(uow, message, now, deps.settings.alertSlaMinutes);
}

/** The first delivery of an alert's messages stops its SLA clock and reports the figure (once). */
async function recordAlertDelivery(uow: UnitOfWork, message: Message, now: Date, slaMinutes: number) {
  const alert = await uow.alerts.firstDelivery(message.eventId!, now, message.channel);
  if (!alert) return;
  const from = alert.sourceAvailableAt ?? alert.raisedAt;
  const deliveryMs = Math.max(0, now.getTime() - from.getTime());
  await uow.outbox.enqueue(
    createEvent(ComplianceAlertDelivered, {
      source: 'notification',
      tenantId: uow.tenantId,
      data: {
        eventId: alert.complianceEventId,
        alertEventId: alert.alertEventId,
        priority: alert.priority as 'critical' | 'high',
        channel: message.channel as 'email' | 'sms' | 'webhook',
        sourceAvailableAt: alert.sourceAvailableAt?.toISOString() ?? null,
        raisedAt: alert.raisedAt.toISOString(),
        deliveredAt: now.toISOString(),
        deliveryMs,
        withinSla: deliveryMs <= slaMinutes * 60_000,
      },
    }),
  );
}

async function recordFailure(
  uow: UnitOfWork,
  deps: NotificationDeps,
  message: Message,
  outcome: SendOutcome,
  now: Date,
) {
  const attempts = message.attempts + 1;
  const delay =
    outcome.suppressed || outcome.permanent ? null : nextAttemptDelayMs(deps.settings.retrySchedule, attempts);
  const retryAt = delay === null ? null : new Date(now.getTime() + delay);
  const counted = await uow.messages.recordDelivery(message.id, message.attempts, outcome.tries, {
    status: outcome.suppressed ? 'suppressed' : retryAt ? 'queued' : 'failed',
    provider: outcome.provider,
    lastError: outcome.error,
    nextAttemptAt: retryAt,
    clearSecrets: !retryAt,
  });
  if (!counted) return;
  if (outcome.suppressed && message.toAddress) await uow.platform.optOut(message.toAddress, now);
  if (retryAt)
    await uow.queue.enqueue(DeliverMessage, { messageId: message.id, attempt: attempts }, { runAt: retryAt });
  if (message.endpointId) await recordEndpointFailure(uow, deps, message.endpointId, now);
}

/**
 * An endpoint failing every delivery for longer than WEBHOOK_DISABLE_AFTER_HOURS is disabled, and the
 * practice's owners are told (once: only the transaction that disables it tells).
 */
async function recordEndpointFailure(uow: UnitOfWork, deps: NotificationDeps, endpointId: string, now: Date) {
  await uow.endpoints.markFailing(endpointId, now);
  const hours = deps.settings.webhookDisableAfterHours;
  const disabled = await uow.endpoints.disableIfFailingSince(
    endpointId,
    new Date(now.getTime() - hours * 3_600_000),
    now,
    `Every delivery failed for ${hours} hours.`,
  );
  if (!disabled) return;
  await uow.audit.record({
    action: 'webhook-endpoint.disable',
    resource: { type: 'webhook-endpoint', id: endpointId },
    reason: 'ENDPOINT_FAILING',
    actor: { kind: 'service', id: 'notification', role: null },
  });
  await planMessages(
    uow,
    deps,
    {
      topic: 'webhook.endpoint-disabled',
      tenantId: uow.tenantId,
      eventId: randomUUID(),
      occurredAt: now.toISOString(),
      values: { endpointId, hours },
      critical: false,
      sourceAvailableAt: null,
    },
    'service:notification',
  );
}
