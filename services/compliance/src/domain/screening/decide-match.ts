import { randomUUID } from 'node:crypto';
import { Conflict, NotFound } from '@plh/service-kit';
import type { ComplianceDeps } from '../deps';
import { screenRoster } from './screen-roster';

/**
 * A person confirms or dismisses a possible match of one of the practice's providers with one listing.
 * Only an open possible match can be decided (404 for a provider not the practice's, 409 for a listing
 * that is not a possible match of theirs); the decision is kept for that provider and listing, so a
 * dismissal does not alert again and a confirmation makes the provider `excluded`. The roster is
 * screened again in the same transaction (under the practice's screening lock), and the provider's
 * screening answered: the decision and its consequences commit together, or neither.
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
  return deps.unitOfWork(
    input.tenantId,
    async (uow) => {
      await uow.screenings.lockPractice();
      const screening = await uow.screenings.find(input.providerId);
      if (!screening) throw new NotFound('No such provider in this practice’s screenings.');
      const open = screening.evidence.find(
        (e) =>
          e.listingKey === input.listingKey && (e.basis === 'name_dob' || e.basis === 'license_only') && !e.confirmed,
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
      await screenRoster(uow, await deps.rosters.ofPractice(input.tenantId), { sourceFetchedAt: null });
      return (await uow.screenings.find(input.providerId))!;
    },
    { timeoutMs: 60_000 },
  );
}
