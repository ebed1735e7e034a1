import type { RosterProviderView } from '@plh/contracts';
import type { NpiEvidence } from '../../data/screening.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { resolveBySystem } from '../events/system-events';
import { LEIE_SOURCE } from '../leie/leie-format';
import { foldLicense } from '../matching/names';
import { screenProvider, type RosterProvider } from '../matching/screen-provider';
import { checkNpi, type NpiCheck, type NpiVerification } from '../nppes/npi-findings';
import { raiseMatches, resolveStale } from './exclusion-events';
import { NPI_EVENT_TYPES, reconcileNpiEvents } from './npi-events';
import { groupBy, loadScreeningBasis, toRosterProvider, type ScreeningBasis } from './screening-basis';
import { screeningMonthRows } from './screening-months';

/**
 * Screens a practice's whole roster inside the caller's transaction (which holds the practice's
 * screening lock): each provider gets its current result, a new `exclusion_match` event for each
 * listing newly matched (critical when excluded, high when possible) with its alert, and the resolution
 * of events whose listing no longer matches; providers no longer on the roster lose their result and
 * their open events are resolved.
 */
export async function screenRoster(
  uow: UnitOfWork,
  roster: readonly RosterProviderView[],
  options: { sourceFetchedAt: Date | null },
  preloaded?: ScreeningBasis | null,
): Promise<void> {
  const providers = roster.map(toRosterProvider);
  const basis = preloaded === undefined ? await loadScreeningBasis(uow, providers) : preloaded;
  // Before the first snapshot there is nothing to screen against: no result rather than a false `clear`.
  if (!basis) return;
  const { version, stateVersions, byNpi, byBirth, byLicense, registry } = basis;
  const versionOf = (source: string) => stateVersions.get(source) ?? version;
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const state = await uow.screeningState.load(month, ['exclusion_match', ...NPI_EVENT_TYPES]);
  const decisions = groupBy(state.decisions, (d) => d.providerId);
  const open = state.openEvents;
  const openEvents = groupBy(
    open.filter((e) => e.eventType === 'exclusion_match'),
    (e) => e.providerId,
  );
  const openNpiEvents = groupBy(
    open.filter((e) => e.eventType !== 'exclusion_match'),
    (e) => e.providerId,
  );
  const results = providers.map((provider) => {
    const mine = [
      ...new Set([
        ...(byNpi.get(provider.npi) ?? []),
        ...(byBirth.get(provider.dateOfBirth) ?? []),
        ...(byLicense.get(foldLicense(provider.licenseNumber)) ?? []),
      ]),
    ];
    const own = decisions.get(provider.id) ?? [];
    const npiCheck = checkNpi(provider, provider.npi ? registry.get(provider.npi) : undefined);
    return { provider, mine, own, npiCheck, result: screenProvider(provider, mine, own, versionOf) };
  });
  const monthRows = screeningMonthRows(
    results.map(({ provider, result, npiCheck }) => ({
      providerId: provider.id,
      providerName: displayName(provider),
      npi: provider.npi,
      exclusionStatus: result.exclusionStatus,
      npiStatus: npiCheck.npiStatus,
      npiCheckedAt: npiCheck.checkedAt,
    })),
    { [LEIE_SOURCE]: version, ...Object.fromEntries(stateVersions) },
    { before: state.month, now },
  );
  await uow.screenings.saveAll(
    results.map(({ provider, result, npiCheck }) => ({
      providerId: provider.id,
      npi: provider.npi,
      providerName: displayName(provider),
      exclusionStatus: result.exclusionStatus,
      npiStatus: npiCheck.npiStatus,
      evidence: result.evidence,
      npiCheck: npiEvidenceOf(provider.npi ? registry.get(provider.npi) : undefined, npiCheck),
      snapshotVersion: version,
    })),
    { month, rows: monthRows },
  );
  // Events only where there is something to raise or resolve: most providers have neither.
  for (const { provider, mine, own, result } of results) {
    const open = openEvents.get(provider.id) ?? [];
    if (result.evidence.length === 0 && open.length === 0) continue;
    await raiseMatches(uow, provider, result.exclusionStatus, result.evidence, options.sourceFetchedAt);
    await resolveStale(uow, provider.id, result.evidence, mine, own, open);
  }
  for (const { provider, npiCheck } of results) {
    const open = openNpiEvents.get(provider.id) ?? [];
    if (npiCheck.findings.length === 0 && open.length === 0) continue;
    await reconcileNpiEvents(uow, provider, npiCheck, open, options.sourceFetchedAt);
  }
  const onRoster = new Set(providers.map((p) => p.id));
  const gone = state.screened.filter((id) => !onRoster.has(id));
  for (const providerId of gone) {
    await uow.screenings.remove(providerId);
    for (const event of await uow.events.openForProvider(providerId))
      await resolveBySystem(uow, event, 'The provider left the roster.', 'PROVIDER_LEFT_ROSTER');
  }
  // One record per screening of the practice: which snapshot, how many results written and removed.
  await uow.audit.record({
    action: 'screening.run',
    resource: { type: 'roster', id: uow.tenantId },
    changes: [
      { field: 'snapshotVersion', to: version },
      { field: 'providers', to: providers.length },
      { field: 'removed', to: gone.length },
    ],
  });
}

/** What the screening shows of the registry's answer: its record, the findings, the error. */
function npiEvidenceOf(verification: NpiVerification | undefined, check: NpiCheck): NpiEvidence | null {
  if (!verification) return null;
  return {
    source: 'cms-nppes',
    checkedAt: verification.checkedAt.toISOString(),
    registry: {
      enumerationType: verification.enumerationType,
      firstName: verification.firstName,
      lastName: verification.lastName,
      organizationName: verification.organizationName,
      taxonomies: verification.taxonomies,
    },
    findings: check.findings,
    error: check.error,
  };
}

const displayName = (p: RosterProvider) => [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
