import { ComplianceAlertRaised, createEvent } from '@plh/contracts';
import type { ComplianceEventRecord } from '../../data/event.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { settleEscalation } from './escalate-alerts';

/**
 * A newly raised event: its audit record, and for a critical or high one its alert through the outbox,
 * with its latency from the source's fetch.
 */
export async function announceRaised(uow: UnitOfWork, event: ComplianceEventRecord): Promise<void> {
  await uow.audit.record({
    action: 'compliance-event.raise',
    resource: { type: 'compliance-event', id: event.id },
    changes: [
      { field: 'eventType', to: event.eventType },
      { field: 'priority', to: event.priority },
    ],
  });
  if (event.priority !== 'critical' && event.priority !== 'high') return;
  await uow.outbox.enqueue(
    createEvent(ComplianceAlertRaised, {
      source: 'compliance',
      tenantId: uow.tenantId,
      data: {
        eventId: event.id,
        eventType: event.eventType,
        priority: event.priority,
        providerId: event.providerId,
        source: event.source,
        sourceFetchedAt: event.sourceFetchedAt?.toISOString() ?? null,
      },
    }),
  );
  if (event.sourceFetchedAt)
    await uow.events.setLatency(event.id, Math.max(0, Date.now() - event.sourceFetchedAt.getTime()));
}

/** Resolves an open event the facts no longer support, saying why (and the reason code, for the audit log). */
export async function resolveBySystem(
  uow: UnitOfWork,
  event: ComplianceEventRecord,
  why: string,
  reason: string | null = null,
): Promise<void> {
  if (!(await uow.events.transition(event.id, ['active', 'acknowledged'], 'resolved', 'system', why))) return;
  await uow.audit.record({
    action: 'compliance-event.resolve',
    resource: { type: 'compliance-event', id: event.id },
    ...(reason ? { reason } : {}),
    changes: [{ field: 'status', from: event.status, to: 'resolved' }],
  });
  await settleEscalation(uow, event.id, 'The alert it escalated was resolved.');
}
