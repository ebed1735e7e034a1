import { randomUUID } from 'node:crypto';
import { ComplianceAlertEscalated, createEvent } from '@plh/contracts';
import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { ComplianceDeps } from '../deps';

/** Looks for alerts nobody acknowledged in time; once per slot however many replicas run. */
export const EscalateAlerts = defineJob(
  'compliance.escalate-alerts',
  Type.Object({}, { additionalProperties: false }),
  { maxAttempts: 1 },
);

const BATCH = 200;

/**
 * Every critical or high event about the practice's providers still `active` (nobody acknowledged it)
 * after `afterMinutes` gets an `alert_escalated` event in its practice, of the same priority, and `plh.compliance.alert.escalated`
 * for the ops team — once per alert (again if it comes back after being settled), in the practice's transaction (re-checked there: one acknowledged
 * meanwhile is left alone). Ops see the open escalations; they resolve themselves when the practice
 * acknowledges or resolves the alert.
 */
export async function escalateAlerts(
  deps: Pick<ComplianceDeps, 'systemWork' | 'unitOfWork'>,
  input: { afterMinutes: number },
  now = new Date(),
): Promise<number> {
  const due = await deps.systemWork(({ escalations }) =>
    escalations.due(new Date(now.getTime() - input.afterMinutes * 60_000), BATCH),
  );
  let escalated = 0;
  for (const { tenantId, id } of due) if (await deps.unitOfWork(tenantId, (uow) => escalate(uow, id, now))) escalated++;
  return escalated;
}

async function escalate(uow: UnitOfWork, eventId: string, now: Date): Promise<boolean> {
  // Locked: an acknowledgement racing this one either comes first (nothing escalates) or waits and
  // then sees the escalation to settle.
  const alert = await uow.events.lockById(eventId);
  if (!alert || alert.status !== 'active' || (alert.priority !== 'critical' && alert.priority !== 'high')) return false;
  const waited = Math.max(0, Math.floor((now.getTime() - alert.updatedAt.getTime()) / 60_000));
  const escalation = await uow.events.raise({
    id: randomUUID(),
    eventType: 'alert_escalated',
    source: alert.source,
    priority: alert.priority,
    title: `Not acknowledged for ${waited} minutes: ${alert.title}`.slice(0, 300),
    description:
      `The ${alert.priority} ${alert.eventType} event ${alert.id} has waited ${waited} minutes without anyone acknowledging it; ` +
      'the PatientLetterHub operations team has been told and will contact the practice. Acknowledge or resolve the original event.',
    providerId: alert.providerId,
    dedupeKey: `alert_escalated:${alert.id}`,
    sourceFetchedAt: null,
    metadata: { escalatedEventId: alert.id, eventType: alert.eventType, unacknowledgedMinutes: waited },
  });
  if (!escalation) return false;
  await uow.outbox.enqueue(
    createEvent(ComplianceAlertEscalated, {
      source: 'compliance',
      tenantId: uow.tenantId,
      data: {
        eventId: escalation.id,
        escalatedEventId: alert.id,
        eventType: alert.eventType,
        priority: alert.priority,
        providerId: alert.providerId,
        unacknowledgedMinutes: waited,
      },
    }),
  );
  await uow.audit.record({
    action: 'compliance-event.escalate',
    resource: { type: 'compliance-event', id: alert.id },
    changes: [{ field: 'escalation', to: escalation.id }],
  });
  return true;
}

/** The escalation of an alert someone acknowledged or resolved (or the system resolved) is settled too. */
export async function settleEscalation(uow: UnitOfWork, alertId: string, why: string): Promise<void> {
  const escalation = await uow.events.findByDedupeKey(`alert_escalated:${alertId}`);
  if (!escalation || escalation.status === 'resolved') return;
  if (!(await uow.events.transition(escalation.id, ['active', 'acknowledged'], 'resolved', 'system', why))) return;
  await uow.audit.record({
    action: 'compliance-event.resolve',
    resource: { type: 'compliance-event', id: escalation.id },
    changes: [{ field: 'status', from: escalation.status, to: 'resolved' }],
  });
}
