import { randomUUID } from 'node:crypto';
import { createEvent, ComplianceAlertDelivered } from '@plh/contracts';
import type { DeliveryState, MessageRecord as Message } from '../../data/message.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { NotificationDeps } from '../deps';
import { recordNotice } from '../messages/plan-notice';
import { nextAttemptDelayMs } from '../webhooks/retry-schedule';
import { DeliverMessages } from './deliver-message.job-def';
import { sendByChannel, type SendOutcome } from './send-by-channel';

/**
 * One attempt at each of a batch of one practice's messages: read them, send them (outside any
 * transaction: a provider may take seconds; a few at once), then record every attempt and what
 * follows in one transaction — delivered (and an alert's SLA figure), retried on the schedule, or
 * failed for good. A message whose attempt was already made (by another worker, or before a replay)
 * is skipped.
 */
export async function deliverMessages(
  deps: NotificationDeps,
  tenantId: string,
  batch: ReadonlyArray<{ id: string; attempt: number }>,
  sendConcurrency = 16,
): Promise<void> {
  const expected = new Map(batch.map((m) => [m.id, m.attempt]));
  const due = await deps.unitOfWork(tenantId, async ({ messages, endpoints }) => {
    const rows = (await messages.byIds([...expected.keys()])).filter(
      (m) => m.status === 'queued' && m.attempts === expected.get(m.id),
    );
    const endpointIds = [...new Set(rows.flatMap((m) => (m.endpointId ? [m.endpointId] : [])))];
    const byId = new Map((endpointIds.length ? await endpoints.byIds(endpointIds) : []).map((e) => [e.id, e]));
    return rows.map((message) => ({
      message,
      endpoint: message.endpointId ? (byId.get(message.endpointId) ?? null) : null,
    }));
  });
  if (due.length === 0) return;
  const outcomes: SendOutcome[] = new Array(due.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(sendConcurrency, due.length) }, async () => {
      while (next < due.length) {
        const i = next++;
        outcomes[i] = await sendByChannel(deps, due[i]!.message, due[i]!.endpoint);
      }
    }),
  );
  const now = new Date();
  const alertDeliveries: Array<{ channel: string; deliveryMs: number }> = [];
  const recorded = await deps.unitOfWork(tenantId, async (uow) => {
    // Every attempt and state in two statements; the rarer consequences (an alert's SLA figure, a
    // retry, a failing endpoint) one by one after.
    const results = due.map(({ message }, i) => ({
      id: message.id,
      expectedAttempts: message.attempts,
      attempts: outcomes[i]!.tries,
      next: stateAfter(deps, message, outcomes[i]!, now),
    }));
    const counted = await uow.messages.recordDeliveries(results);
    // Only endpoints that were failing need their failure clock cleared.
    const healthy = due.flatMap(({ message, endpoint }, i) =>
      outcomes[i]!.succeeded && endpoint?.failingSince && counted.has(message.id) ? [endpoint.id] : [],
    );
    if (healthy.length) await uow.endpoints.markHealthy([...new Set(healthy)]);
    for (const [i, { message }] of due.entries()) {
      if (!counted.has(message.id)) continue;
      const next = results[i]!.next;
      if (outcomes[i]!.succeeded) {
        if (message.topic === 'compliance.alert' && message.eventId) {
          const deliveryMs = await recordAlertDelivery(uow, message, now, deps.settings.alertSlaMinutes);
          if (deliveryMs !== null) alertDeliveries.push({ channel: message.channel, deliveryMs });
        }
        continue;
      }
      if (next.status === 'suppressed' && message.toAddress) await uow.platform.optOut(message.toAddress, now);
      if (next.status === 'queued' && next.nextAttemptAt)
        await uow.queue.enqueue(
          DeliverMessages,
          { messages: [{ id: message.id, attempt: message.attempts + 1 }] },
          { runAt: next.nextAttemptAt },
        );
      if (message.endpointId) await recordEndpointFailure(uow, deps, message.endpointId, now);
    }
    return results.filter((r) => counted.has(r.id));
  });
  // Counted after the commit: a rolled-back attempt was never made.
  const channelOf = new Map(due.map(({ message }) => [message.id, message.channel]));
  for (const result of recorded) deps.observer?.attempt(channelOf.get(result.id)!, result.next.status);
  for (const { channel, deliveryMs } of alertDeliveries) deps.observer?.alertDelivered(channel, deliveryMs);
}

/**
 * What a message becomes after an attempt: an email or SMS accepted by its provider is `sent` (its
 * delivery event moves it on), a webhook answered 2xx is `delivered`; a failure is retried on the
 * schedule, or fails for good once it is used up (an opt-out is `suppressed`, never retried).
 */
function stateAfter(deps: NotificationDeps, message: Message, outcome: SendOutcome, now: Date): DeliveryState {
  if (outcome.succeeded) {
    const delivered = message.channel === 'webhook';
    return {
      status: delivered ? 'delivered' : 'sent',
      provider: outcome.provider,
      providerMessageId: outcome.providerMessageId,
      sentAt: now,
      ...(delivered ? { deliveredAt: now } : {}),
      nextAttemptAt: null,
      lastError: null,
      clearSecrets: true,
    };
  }
  const delay =
    outcome.suppressed || outcome.permanent
      ? null
      : nextAttemptDelayMs(deps.settings.retrySchedule, message.attempts + 1);
  const retryAt = delay === null ? null : new Date(now.getTime() + delay);
  return {
    status: outcome.suppressed ? 'suppressed' : retryAt ? 'queued' : 'failed',
    provider: outcome.provider,
    nextAttemptAt: retryAt,
    lastError: outcome.error,
    clearSecrets: !retryAt,
  };
}

/** The first delivery of an alert's messages stops its SLA clock and reports the figure (once). */
async function recordAlertDelivery(
  uow: UnitOfWork,
  message: Message,
  now: Date,
  slaMinutes: number,
): Promise<number | null> {
  const alert = await uow.alerts.firstDelivery(message.eventId!, now, message.channel);
  if (!alert) return null;
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
  return deliveryMs;
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
  await recordNotice(
    uow,
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
