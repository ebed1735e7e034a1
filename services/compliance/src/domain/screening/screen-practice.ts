import { createHash, randomUUID } from 'node:crypto';
import { ComplianceAlertRaised, createEvent, type RosterProviderView } from '@plh/contracts';
import type { ComplianceEventRecord } from '../../data/event.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { ComplianceDeps } from '../deps';
import { screenProvider, type Evidence, type Listing, type RosterProvider } from '../matching/screen-provider';

/**
 * Screens providers of one practice in one transaction: each gets its current result (saved), a new
 * `exclusion_match` event for each listing newly matched (critical when excluded, high when possible)
 * with its `plh.compliance.alert.raised`, and the resolution of events whose listing no longer matches
 * (reinstated, dismissed, or confirmed into an exclusion). `wholeRoster`: these are all the practice's
 * providers, so results of providers no longer on the roster are removed and their events resolved.
 */
export async function screenPractice(
  deps: Pick<ComplianceDeps, 'unitOfWork'>,
  tenantId: string,
  roster: readonly RosterProviderView[],
  options: { sourceFetchedAt: Date | null; wholeRoster: boolean },
): Promise<void> {
  await deps.unitOfWork(tenantId, async (uow) => {
    const version = await uow.leie.currentVersion();
    const providers = roster.map(toRosterProvider);
    const candidates = await uow.leie.candidates(
      providers.flatMap((p) => (p.npi ? [p.npi] : [])),
      providers.flatMap((p) => (p.dateOfBirth ? [p.dateOfBirth] : [])),
    );
    const decisions = await uow.screenings.decisions();
    for (const provider of providers) {
      const mine = candidates.filter((l) => l.npi === provider.npi || l.dateOfBirth === provider.dateOfBirth);
      const result = screenProvider(
        provider,
        mine,
        decisions.filter((d) => d.providerId === provider.id),
        version,
      );
      await uow.screenings.save({
        providerId: provider.id,
        npi: provider.npi,
        providerName: displayName(provider),
        exclusionStatus: result.exclusionStatus,
        evidence: result.evidence,
        snapshotVersion: version,
      });
      await raiseMatches(uow, provider, result.exclusionStatus, result.evidence, options.sourceFetchedAt);
      await resolveStale(uow, provider.id, result.evidence, mine, decisions);
    }
    if (options.wholeRoster) {
      for (const gone of await uow.screenings.providerIdsNotIn(providers.map((p) => p.id))) {
        await uow.screenings.remove(gone);
        for (const event of await uow.events.openForProvider(gone))
          await uow.events.transition(
            event.id,
            ['active', 'acknowledged'],
            'resolved',
            'system',
            'The provider left the roster.',
          );
      }
    }
  });
}

const toRosterProvider = (p: RosterProviderView): RosterProvider => ({
  id: p.id,
  tenantId: p.tenantId,
  npi: p.npi || null,
  firstName: p.firstName,
  middleName: p.middleName,
  lastName: p.lastName,
  dateOfBirth: p.dateOfBirth || null,
});

const displayName = (p: RosterProvider) => [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');

/** An event per (provider, listing, status): the same match is never raised twice. */
const dedupeKeyOf = (providerId: string, e: Evidence, excluded: boolean) =>
  `exclusion_match:${providerId}:${createHash('sha256').update(e.listingKey).digest('hex').slice(0, 32)}:${excluded ? 'excluded' : 'possible'}`;

async function raiseMatches(
  uow: UnitOfWork,
  provider: RosterProvider,
  status: string,
  evidence: Evidence[],
  sourceFetchedAt: Date | null,
): Promise<void> {
  const excluded = status === 'excluded';
  for (const e of evidence) {
    const listed = e.listed;
    const how =
      e.basis === 'npi' ? 'by NPI' : e.confirmed ? 'by name and date of birth, confirmed' : 'by name and date of birth';
    const raised = await uow.events.raise({
      id: randomUUID(),
      eventType: 'exclusion_match',
      source: e.source,
      priority: excluded ? 'critical' : 'high',
      title: excluded
        ? 'A roster provider is on the OIG exclusion list'
        : 'Possible OIG exclusion match: a person must confirm or dismiss it',
      // Ids, NPI and the listing's authority and date; the names are on the screening, not in events.
      description:
        `Roster provider NPI ${provider.npi ?? '(none)'} matches an OIG LEIE listing ${how}` +
        ` (excluded ${listed.exclusionDate ?? 'date not given'} under ${listed.exclusionType || 'an unnamed authority'}` +
        `${listed.waiverDate ? `; a waiver from ${listed.waiverDate} in ${listed.waiverState || 'a state'} does not lift it for Medicare` : ''}).` +
        (excluded
          ? ' Stop billing federal health care programs for this provider’s services and review the claims since the exclusion date.'
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
    if (raised) await publishAlert(uow, raised);
  }
}

/** The alert of a critical or high event, through the outbox; its latency from the source's fetch. */
async function publishAlert(uow: UnitOfWork, event: ComplianceEventRecord): Promise<void> {
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
  await uow.audit.record({
    action: 'compliance-event.raise',
    resource: { type: 'compliance-event', id: event.id },
    changes: [
      { field: 'eventType', to: event.eventType },
      { field: 'priority', to: event.priority },
    ],
  });
}

/** Open match events of the provider whose listing no longer stands as it was raised, resolved with why. */
async function resolveStale(
  uow: UnitOfWork,
  providerId: string,
  evidence: Evidence[],
  candidates: Listing[],
  decisions: Array<{ providerId: string; listingKey: string; decision: string }>,
): Promise<void> {
  const current = new Map(evidence.map((e) => [e.listingKey, e]));
  for (const event of await uow.events.openForProvider(providerId, 'exclusion_match')) {
    const key = String(event.metadata.listingKey ?? '');
    const now = current.get(key);
    const wasExcluded = event.priority === 'critical';
    const nowExcluded = now ? now.basis === 'npi' || now.confirmed : false;
    if (now && nowExcluded === wasExcluded) continue; // still stands as raised
    const decision = decisions.find((d) => d.providerId === providerId && d.listingKey === key)?.decision;
    const why = now
      ? 'Confirmed as an exclusion (see the critical event).'
      : decision === 'dismissed'
        ? 'Dismissed by the practice: not the same person.'
        : candidates.some((l) => l.key === key)
          ? 'The listing no longer matches this provider’s roster details.'
          : 'The listing left the LEIE (reinstated or removed by OIG).';
    await uow.events.transition(event.id, ['active', 'acknowledged'], 'resolved', 'system', why);
    await uow.audit.record({
      action: 'compliance-event.resolve',
      resource: { type: 'compliance-event', id: event.id },
      changes: [{ field: 'status', from: event.status, to: 'resolved' }],
    });
  }
}
