import type { RosterProviderView } from '@plh/contracts';
import type { UnitOfWork } from '../../data/unit-of-work';
import { foldLicense, namesMatch } from '../matching/names';
import type { Listing, RosterProvider } from '../matching/screen-provider';
import type { NpiVerification } from '../nppes/npi-findings';

/**
 * What screening reads from the public sources for a set of providers (one practice's roster, or a
 * batch of practices'): the snapshot versions, the listings that could be theirs (by NPI, date of
 * birth and licence) and the NPI Registry's answers. Read once for a batch, then shared.
 */
export interface ScreeningBasis {
  /** The LEIE's snapshot version. */
  version: number;
  /** Each state list's snapshot version (lists that applied a file). */
  stateVersions: Map<string, number>;
  byNpi: Map<string | null, Listing[]>;
  byBirth: Map<string | null, Listing[]>;
  byLicense: Map<string | null, Listing[]>;
  registry: Map<string, NpiVerification>;
}

type PublicRepositories = Pick<UnitOfWork, 'leie' | 'stateLists' | 'npis'>;

/** The basis for these providers; null before the LEIE's first snapshot (nothing to screen against). */
export async function loadScreeningBasis(
  repos: PublicRepositories,
  providers: readonly RosterProvider[],
): Promise<ScreeningBasis | null> {
  const version = await repos.leie.currentVersion();
  if (version === 0) return null;
  const npis = providers.flatMap((p) => (p.npi ? [p.npi] : []));
  const datesOfBirth = [...new Set(providers.flatMap((p) => (p.dateOfBirth ? [p.dateOfBirth] : [])))];
  const stateVersions = await repos.stateLists.versions();
  // A listed person born on a provider's birthday is a candidate only under one of their names.
  const bornOn = groupBy(providers, (p) => p.dateOfBirth);
  const someoneBornThatDay = (listed: { firstName: string; lastName: string; dateOfBirth: string }) =>
    (bornOn.get(listed.dateOfBirth) ?? []).some((p) => namesMatch(p, listed));
  const candidates = [
    ...(await repos.leie.candidates(npis, datesOfBirth, someoneBornThatDay)),
    ...(stateVersions.size
      ? await repos.stateLists.candidates(
          npis,
          [...new Set(providers.map((p) => foldLicense(p.licenseNumber)))],
          datesOfBirth,
        )
      : []),
  ];
  return {
    version,
    stateVersions,
    byNpi: groupBy(candidates, (l) => l.npi),
    byBirth: groupBy(candidates, (l) => l.dateOfBirth),
    byLicense: groupBy(candidates, (l) => (l.licenseNumber ? foldLicense(l.licenseNumber) : null)),
    registry: await repos.npis.of(npis),
  };
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K | null): Map<K | null, T[]> {
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

export const toRosterProvider = (p: RosterProviderView): RosterProvider => ({
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
