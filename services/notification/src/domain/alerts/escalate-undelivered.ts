import { ComplianceAlertUndelivered, createEvent } from '@plh/contracts';
import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { NotificationDeps } from '../deps';
import { recordNotice } from '../messages/plan-notice';

export const EscalateUndeliveredAlerts = defineJob('notification.escalate-undelivered-alerts', Type.Object({}));

/**
 * Critical compliance alerts that reached nobody within ALERT_DELIVERY_SLA_MINUTES (every provider
 * down, nobody with an address, every endpoint failing): each is escalated once to the ops team, by
 * email, and announced (`plh.notification.alert.undelivered`). Answers how many were escalated.
 */
export async function escalateUndeliveredAlerts(deps: NotificationDeps, now = new Date()): Promise<number> {
  const minutes = deps.settings.alertSlaMinutes;
  const due = await deps.systemWork(({ platform }) =>
    platform.undeliveredAlerts(new Date(now.getTime() - minutes * 60_000), 100),
  );
  let escalated = 0;
  for (const { tenantId, alertEventId } of due)
    await deps.unitOfWork(tenantId, async (uow) => {
      const alert = await uow.alerts.markEscalated(alertEventId, now);
      if (!alert) return; // delivered or escalated meanwhile
      escalated++;
      // Counted, like the SLA, from the source data becoming available (the alert's own time without it).
      const waited = Math.floor((now.getTime() - (alert.sourceAvailableAt ?? alert.raisedAt).getTime()) / 60_000);
      await uow.outbox.enqueue(
        createEvent(ComplianceAlertUndelivered, {
          source: 'notification',
          tenantId,
          data: {
            eventId: alert.complianceEventId,
            alertEventId,
            raisedAt: alert.raisedAt.toISOString(),
            minutes: waited,
          },
        }),
      );
      await recordNotice(
        uow,
        {
          topic: 'compliance.alert-escalated',
          tenantId,
          // The escalation's own key: one set of ops messages per alert.
          eventId: alertEventId,
          occurredAt: now.toISOString(),
          values: {
            practiceId: tenantId,
            complianceEventId: alert.complianceEventId,
            eventType: 'compliance alert',
            priority: alert.priority,
            minutes: waited,
            reason: 'undelivered',
          },
          critical: true,
          sourceAvailableAt: null,
        },
        'service:notification',
      );
    });
  return escalated;
}
