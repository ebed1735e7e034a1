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
 * list. One project per event: the event row is locked while the project is created and keeps its id,
 * so a repeated call (or a retry after the letter was refused) reuses it. Audited.
 */
export async function startDepartureLetter(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'letters'>,
  input: DepartureLetterInput,
  now = new Date(),
): Promise<{ projectId: string; providerName: string; effectiveDate: string; created: boolean }> {
  const started = await deps.unitOfWork(input.tenantId, async (uow) => {
    const event = await uow.events.lockById(input.eventId);
    if (!event) throw new NotFound('No such compliance event in this practice.');
    if (event.eventType !== 'exclusion_match' || !event.providerId)
      throw new Conflict(
        'NOT_AN_EXCLUSION',
        'A departure letter starts from an exclusion_match event about a provider.',
      );
    const screening = await uow.screenings.find(event.providerId);
    if (!screening)
      throw new Conflict(
        'PROVIDER_NOT_ON_ROSTER',
        'The provider is no longer on the roster; start the letter by hand.',
      );
    const existing = typeof event.metadata.departureProjectId === 'string' ? event.metadata.departureProjectId : null;
    const projectId =
      existing ??
      (
        await deps.letters.createProject(input.tenantId, {
          name: `Provider departure: ${screening.providerName}`.slice(0, 200),
          letterType: 'provider_departure',
          requestedBy: input.actorId,
        })
      ).projectId;
    if (!existing) {
      await uow.events.addMetadata(event.id, { departureProjectId: projectId });
      await uow.audit.record({
        action: 'compliance-event.departure-letter',
        resource: { type: 'compliance-event', id: event.id },
        changes: [{ field: 'departureProjectId', to: projectId }],
      });
    }
    return { projectId, providerName: screening.providerName, created: !existing };
  });
  const effectiveDate = input.effectiveDate ?? longDate(now);
  await deps.letters.setLetter(input.tenantId, started.projectId, {
    letterType: 'provider_departure',
    values: {
      providerName: started.providerName,
      effectiveDate,
      recordsCustodian: input.recordsCustodian,
      recordsRequest: input.recordsRequest,
      signatory: input.signatory,
      ...(input.continuingCare ? { continuingCare: input.continuingCare } : {}),
    },
    returnAddress: input.returnAddress,
    requestedBy: input.actorId,
  });
  return { ...started, effectiveDate };
}
