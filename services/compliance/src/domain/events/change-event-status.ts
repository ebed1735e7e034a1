import { Conflict, NotFound } from '@plh/service-kit';
import type { ComplianceEventRecord } from '../../data/event.repository';
import type { ComplianceDeps } from '../deps';
import { settleEscalation } from './escalate-alerts';

/**
 * Acknowledge (someone is on it) or resolve (done, with a resolution) one of the practice's events.
 * 404 for an event not theirs, 409 for one already past that step. Audited.
 */
export async function changeEventStatus(
  deps: Pick<ComplianceDeps, 'unitOfWork'>,
  input: { tenantId: string; eventId: string; to: 'acknowledged' | 'resolved'; actorId: string; resolution?: string },
): Promise<ComplianceEventRecord> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const event = await uow.events.findById(input.eventId);
    if (!event) throw new NotFound('No such compliance event in this practice.');
    const from = input.to === 'acknowledged' ? (['active'] as const) : (['active', 'acknowledged'] as const);
    const moved = await uow.events.transition(event.id, [...from], input.to, input.actorId, input.resolution);
    if (!moved) throw new Conflict('EVENT_STATE_CONFLICT', `The event is ${event.status}; it cannot be ${input.to}.`);
    await uow.audit.record({
      action: input.to === 'acknowledged' ? 'compliance-event.acknowledge' : 'compliance-event.resolve',
      resource: { type: 'compliance-event', id: event.id },
      changes: [{ field: 'status', from: event.status, to: input.to }],
    });
    await settleEscalation(uow, event.id, `The practice ${input.to} the alert it escalated.`);
    return (await uow.events.findById(event.id))!;
  });
}
