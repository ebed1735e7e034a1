import { randomUUID } from 'node:crypto';
import { Conflict, NotFound } from '@plh/service-kit';
import type { ComplianceDeps } from '../deps';
import { screenPracticeNow } from './screen-practices';

/**
 * A person confirms or dismisses a possible match of one of the practice's providers with one listing.
 * Only an open possible match can be decided (404 for a provider not the practice's, 409 for a listing
 * that is not a possible match of theirs); the decision is kept for that provider and listing, so a
 * dismissal does not alert again and a confirmation makes the provider `excluded`. The roster is then
 * screened again, and the screening answered.
 */
export async function decideMatch(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'rosters'>,
  input: {
    tenantId: string;
    providerId: string;
    listingKey: string;
    decision: 'confirmed' | 'dismissed';
    reason: string;
    actorId: string;
  },
) {
  await deps.unitOfWork(input.tenantId, async (uow) => {
    const screening = await uow.screenings.find(input.providerId);
    if (!screening) throw new NotFound('No such provider in this practice’s screenings.');
    const open = screening.evidence.find(
      (e) => e.listingKey === input.listingKey && e.basis === 'name_dob' && !e.confirmed,
    );
    if (screening.exclusionStatus !== 'possible_match' || !open)
      throw new Conflict('NOT_A_POSSIBLE_MATCH', 'That listing is not an open possible match of this provider.');
    const recorded = await uow.screenings.decide({ id: randomUUID(), ...input, decidedBy: input.actorId });
    if (!recorded) throw new Conflict('ALREADY_DECIDED', 'This match was decided already.');
    await uow.audit.record({
      action: `screening.${input.decision === 'confirmed' ? 'confirm' : 'dismiss'}`,
      resource: { type: 'provider', id: input.providerId },
      changes: [{ field: 'decision', to: input.decision }],
    });
  });
  await screenPracticeNow(deps, input.tenantId);
  return deps.unitOfWork(input.tenantId, (uow) => uow.screenings.find(input.providerId));
}
