import { createHash, randomUUID } from 'node:crypto';
import type { ComplianceEventRecord } from '../../data/event.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { announceRaised, resolveBySystem } from '../events/system-events';
import { STATE_LISTS } from '../state-lists/formats';
import type { Evidence, Listing, RosterProvider } from '../matching/screen-provider';

/** An event per (provider, listing, status): the same match is never raised twice. */
const dedupeKeyOf = (providerId: string, e: Evidence, excluded: boolean) =>
  `exclusion_match:${providerId}:${createHash('sha256').update(e.listingKey).digest('hex').slice(0, 32)}:${excluded ? 'excluded' : 'possible'}`;

const BASIS: Record<Evidence['basis'], string> = {
  npi: 'by NPI',
  license: 'by licence number and name',
  license_only: 'by licence number under another name',
  name_dob: 'by name and date of birth',
};

export async function raiseMatches(
  uow: UnitOfWork,
  provider: RosterProvider,
  status: string,
  evidence: Evidence[],
  sourceFetchedAt: Date | null,
): Promise<void> {
  const excluded = status === 'excluded';
  for (const e of evidence) {
    const listed = e.listed;
    const how = `${BASIS[e.basis]}${e.confirmed ? ', confirmed' : ''}`;
    const state = STATE_LISTS[e.source];
    const list = state ? state.label : 'the OIG exclusion list (LEIE)';
    const program = state ? `${state.state} Medicaid` : 'federal health care programs';
    const raised = await uow.events.raise({
      id: randomUUID(),
      eventType: 'exclusion_match',
      source: e.source,
      priority: excluded ? 'critical' : 'high',
      title: excluded
        ? `A roster provider is on ${list}`
        : `Possible match on ${list}: a person must confirm or dismiss it`,
      // Ids, NPI and the listing's authority and date; the names are on the screening, not in events.
      description:
        `Roster provider NPI ${provider.npi ?? '(none)'} matches a listing of ${list} ${how}` +
        ` (excluded ${listed.exclusionDate ?? 'date not given'} under ${listed.exclusionType || 'an unnamed authority'}` +
        `${listed.waiverDate ? `; a waiver from ${listed.waiverDate} in ${listed.waiverState || 'a state'} does not lift it for Medicare` : ''}).` +
        (excluded
          ? ` Stop billing ${program} for this provider’s services and review the claims since the exclusion date.`
          : ' Review the evidence and confirm or dismiss the match.'),
      providerId: provider.id,
      dedupeKey: dedupeKeyOf(provider.id, e, excluded),
      sourceFetchedAt,
      effectiveDate: listed.exclusionDate ? new Date(`${listed.exclusionDate}T00:00:00Z`) : null,
      metadata: {
        listingKey: e.listingKey,
        basis: e.basis,
        confirmed: e.confirmed,
        snapshotVersion: e.snapshotVersion,
        exclusionType: listed.exclusionType,
        exclusionDate: listed.exclusionDate,
      },
    });
    if (raised) await announceRaised(uow, raised);
  }
}

/** The provider's open match events (`open`) whose listing no longer stands as it was raised, resolved with why. */
export async function resolveStale(
  uow: UnitOfWork,
  providerId: string,
  evidence: Evidence[],
  candidates: Listing[],
  decisions: Array<{ providerId: string; listingKey: string; decision: string }>,
  open: ComplianceEventRecord[],
): Promise<void> {
  const current = new Map(evidence.map((e) => [e.listingKey, e]));
  for (const event of open) {
    const key = String(event.metadata.listingKey ?? '');
    const now = current.get(key);
    const wasExcluded = event.priority === 'critical';
    const nowExcluded = now ? now.basis === 'npi' || now.basis === 'license' || now.confirmed : false;
    if (now && nowExcluded === wasExcluded) continue; // still stands as raised
    const decision = decisions.find((d) => d.providerId === providerId && d.listingKey === key)?.decision;
    const why = now
      ? 'Confirmed as an exclusion (see the critical event).'
      : decision === 'dismissed'
        ? 'Dismissed by the practice: not the same person.'
        : candidates.some((l) => l.key === key)
          ? 'The listing no longer matches this provider’s roster details.'
          : STATE_LISTS[event.source]
            ? `The listing left ${STATE_LISTS[event.source]!.label} (ended or withdrawn by the state).`
            : 'The listing left the LEIE (reinstated or removed by OIG).';
    await resolveBySystem(uow, event, why);
  }
}
