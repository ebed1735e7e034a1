import { createHash } from 'node:crypto';
import { Conflict, NotFound } from '@plh/service-kit';
import type { ComplianceDeps } from '../deps';

export interface DepartureLetterInput {
  tenantId: string;
  eventId: string;
  actorId: string;
  /** The provider's last day as the letter prints it (default: today, e.g. `December 1, 2026`). */
  effectiveDate?: string;
  recordsCustodian: string;
  recordsRequest: string;
  signatory: string;
  continuingCare?: string;
  returnAddress: string[];
}

const longDate = (d: Date) =>
  d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/**
 * The patient letter a practice owes once a clinician is excluded, started from the exclusion_match
 * event with one call: a `provider_departure` project in core and its letter set up in the proof
 * engine, pre-filled with the provider's name (from the screening) and the date, ready for the patient
 * list. One project per event (its id derived from the event's), so a repeated call, or a retry after
 * the letter was refused, reuses it. No call to another service happens inside a transaction. Audited.
 */
export async function startDepartureLetter(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'letters'>,
  input: DepartureLetterInput,
  now = new Date(),
): Promise<{ projectId: string; providerName: string; effectiveDate: string; created: boolean }> {
  const found = await deps.unitOfWork(input.tenantId, async (uow) => {
    const event = await uow.events.findById(input.eventId);
    if (!event) throw new NotFound('No such compliance event in this practice.');
    // Only an exclusion (not a possible match, not one resolved since) calls for telling the patients.
    if (event.eventType !== 'exclusion_match' || event.priority !== 'critical' || !event.providerId)
      throw new Conflict(
        'NOT_AN_EXCLUSION',
        'A departure letter starts from the exclusion_match event of an excluded provider.',
      );
    if (event.status === 'resolved')
      throw new Conflict('EVENT_RESOLVED', 'This exclusion was resolved; start a letter by hand if one is still owed.');
    const screening = await uow.screenings.find(event.providerId);
    if (!screening)
      throw new Conflict(
        'PROVIDER_NOT_ON_ROSTER',
        'The provider is no longer on the roster; start the letter by hand.',
      );
    return { event, providerName: screening.providerName };
  });
  // The project's id follows from the event's: core answers the same project however often it is asked
  // (a retry after a timeout, two people clicking at once), so there is one campaign per event.
  const projectId = departureProjectId(found.event.id);
  await deps.letters.createProject(input.tenantId, {
    projectId,
    name: `Provider departure: ${found.providerName}`.slice(0, 200),
    letterType: 'provider_departure',
    requestedBy: input.actorId,
  });
  const created = await deps.unitOfWork(input.tenantId, async (uow) => {
    const event = await uow.events.lockById(found.event.id);
    if (!event || event.metadata.departureProjectId === projectId) return false;
    await uow.events.addMetadata(event.id, { departureProjectId: projectId });
    await uow.audit.record({
      action: 'compliance-event.departure-letter',
      resource: { type: 'compliance-event', id: event.id },
      changes: [{ field: 'departureProjectId', to: projectId }],
    });
    return true;
  });
  const effectiveDate = input.effectiveDate ?? longDate(now);
  await deps.letters.setLetter(input.tenantId, projectId, {
    letterType: 'provider_departure',
    values: {
      providerName: found.providerName,
      effectiveDate,
      recordsCustodian: input.recordsCustodian,
      recordsRequest: input.recordsRequest,
      signatory: input.signatory,
      ...(input.continuingCare ? { continuingCare: input.continuingCare } : {}),
    },
    returnAddress: input.returnAddress,
    requestedBy: input.actorId,
  });
  return { projectId, providerName: found.providerName, effectiveDate, created };
}

/** A UUID (version 4 layout) derived from the event's id: the same event, the same project. */
export function departureProjectId(eventId: string): string {
  const h = createHash('sha256').update(`departure-letter:${eventId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
