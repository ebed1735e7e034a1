import type { RosterProviderView } from '@plh/contracts';
import type { NpiEvidence } from '../../data/screening.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { screenProvider, type RosterProvider } from '../matching/screen-provider';
import { resolveBySystem } from '../events/system-events';
import { LEIE_SOURCE } from '../leie/leie-format';
import { foldLicense } from '../matching/names';
import { checkNpi, type NpiCheck, type NpiVerification } from '../nppes/npi-findings';
import { raiseMatches, resolveStale } from './exclusion-events';
import { recordScreeningMonth } from './screening-months';
import { NPI_EVENT_TYPES, reconcileNpiEvents } from './npi-events';

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
): Promise<void> {
  const version = await uow.leie.currentVersion();
  // Before the first snapshot there is nothing to screen against: no result rather than a false `clear`.
  if (version === 0) return;
  const providers = roster.map(toRosterProvider);
  const npis = providers.flatMap((p) => (p.npi ? [p.npi] : []));
  const datesOfBirth = providers.flatMap((p) => (p.dateOfBirth ? [p.dateOfBirth] : []));
  const stateVersions = await uow.stateLists.versions();
  const candidates = [
    ...(await uow.leie.candidates(npis, datesOfBirth)),
    ...(stateVersions.size
      ? await uow.stateLists.candidates(
          npis,
          providers.map((p) => foldLicense(p.licenseNumber)),
          datesOfBirth,
        )
      : []),
  ];
  const byLicense = groupBy(candidates, (l) => (l.licenseNumber ? foldLicense(l.licenseNumber) : null));
  const versionOf = (source: string) => stateVersions.get(source) ?? version;
  const byNpi = groupBy(candidates, (l) => l.npi);
  const byBirth = groupBy(candidates, (l) => l.dateOfBirth);
  const decisions = groupBy(await uow.screenings.decisions(), (d) => d.providerId);
  const openEvents = groupBy(await uow.events.openOfType('exclusion_match'), (e) => e.providerId);
  const openNpiEvents = groupBy(await uow.events.openOfTypes(NPI_EVENT_TYPES), (e) => e.providerId);
  const registry = await uow.npis.of(npis);
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
  );
  await recordScreeningMonth(
    uow,
    results.map(({ provider, result, npiCheck }) => ({
      providerId: provider.id,
      providerName: displayName(provider),
      npi: provider.npi,
      exclusionStatus: result.exclusionStatus,
      npiStatus: npiCheck.npiStatus,
      npiCheckedAt: npiCheck.checkedAt,
    })),
    { [LEIE_SOURCE]: version, ...Object.fromEntries(stateVersions) },
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
  const gone = await uow.screenings.providerIdsNotIn(providers.map((p) => p.id));
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

function groupBy<T, K>(items: readonly T[], key: (item: T) => K | null): Map<K | null, T[]> {
  const groups = new Map<K | null, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const toRosterProvider = (p: RosterProviderView): RosterProvider => ({
  id: p.id,
  tenantId: p.tenantId,
  npi: p.npi || null,
  firstName: p.firstName,
  middleName: p.middleName,
  lastName: p.lastName,
  dateOfBirth: p.dateOfBirth || null,
  licenseState: p.licenseState,
  licenseNumber: p.licenseNumber,
});

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
