import type { LeieRow } from '../leie/leie-format';
import { foldLicense, namesMatch } from './names';

/** A roster entry as the tenant service hands it over (clinician data, not patient PHI). */
export interface RosterProvider {
  id: string;
  tenantId: string;
  npi: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  licenseState: string;
  licenseNumber: string;
}

/**
 * A listing of a source's active snapshot (the OIG LEIE, or a state list in the LEIE's shape), with
 * its identity and the licence number the state lists carry (empty in the LEIE).
 */
export interface Listing extends LeieRow {
  key: string;
  source: string;
  licenseNumber: string;
}

export type ExclusionStatus = 'excluded' | 'possible_match' | 'clear' | 'insufficient_data';

/** A person's decision on a possible match, remembered per provider and listing. */
export interface MatchDecision {
  listingKey: string;
  decision: 'confirmed' | 'dismissed';
}

/** Why a result is not clear: which listing of which snapshot, matched how. */
export interface Evidence {
  source: string;
  snapshotVersion: number;
  listingKey: string;
  /**
   * `npi`: the listed NPI is the provider's (authoritative); `license`: the provider's licence in the
   * same state under the provider's name (excluding); `license_only`: the licence under another name;
   * `name_dob`: same name and date of birth.
   */
  basis: 'npi' | 'license' | 'license_only' | 'name_dob';
  /** A person confirmed this name and date-of-birth match. */
  confirmed: boolean;
  listed: Pick<
    LeieRow,
    | 'lastName'
    | 'firstName'
    | 'middleName'
    | 'businessName'
    | 'npi'
    | 'dateOfBirth'
    | 'specialty'
    | 'state'
    | 'exclusionType'
    | 'exclusionDate'
    | 'waiverDate'
    | 'waiverState'
  > & { licenseNumber: string };
}

export interface ScreeningResult {
  exclusionStatus: ExclusionStatus;
  evidence: Evidence[];
}

const isPerson = (l: LeieRow) => l.lastName !== '' || l.firstName !== '';

/**
 * One provider against the listings that could be theirs (same NPI, licence or date of birth):
 * - `excluded`: a listing carries the provider's NPI (whatever its name or date of birth says: a maiden
 *   name, a typo), or the provider's licence in the same state under the provider's name, or a person
 *   confirmed a match. A state waiver does not lift a federal exclusion.
 * - `possible_match`: no NPI hit, but a listed person has the provider's name (see namesMatch) and the
 *   identical date of birth, or the provider's licence under another name; a person must decide. A
 *   dismissed one is not raised again.
 * - `insufficient_data`: neither an NPI nor a date of birth to screen with.
 * A name without the identical date of birth is never a match, and a name match alone never becomes
 * `excluded` without a person confirming it. Business listings are matched by NPI only.
 */
export function screenProvider(
  provider: RosterProvider,
  candidates: readonly Listing[],
  decisions: readonly MatchDecision[],
  versionOf: (source: string) => number,
): ScreeningResult {
  const evidenceOf = (l: Listing, basis: Evidence['basis'], confirmed: boolean): Evidence => ({
    source: l.source,
    snapshotVersion: versionOf(l.source),
    listingKey: l.key,
    basis,
    confirmed,
    listed: {
      lastName: l.lastName,
      firstName: l.firstName,
      middleName: l.middleName,
      businessName: l.businessName,
      npi: l.npi,
      dateOfBirth: l.dateOfBirth,
      specialty: l.specialty,
      state: l.state,
      exclusionType: l.exclusionType,
      exclusionDate: l.exclusionDate,
      waiverDate: l.waiverDate,
      waiverState: l.waiverState,
      licenseNumber: l.licenseNumber,
    },
  });
  const license = foldLicense(provider.licenseNumber);
  const byNpi = candidates.filter((l) => provider.npi !== null && l.npi === provider.npi);
  const byLicense = candidates.filter(
    (l) =>
      !byNpi.includes(l) &&
      license !== '' &&
      foldLicense(l.licenseNumber) === license &&
      l.state.toUpperCase() === provider.licenseState.toUpperCase(),
  );
  const licenseAndName = byLicense.filter((l) => isPerson(l) && namesMatch(provider, l));
  const licenseOnly = byLicense.filter((l) => !licenseAndName.includes(l));
  const byName = candidates.filter(
    (l) =>
      !byNpi.includes(l) &&
      !byLicense.includes(l) &&
      isPerson(l) &&
      provider.dateOfBirth !== null &&
      l.dateOfBirth === provider.dateOfBirth &&
      namesMatch(provider, l),
  );
  const decided = new Map(decisions.map((d) => [d.listingKey, d.decision]));
  const possible = [
    ...licenseOnly.map((l) => [l, 'license_only'] as const),
    ...byName.map((l) => [l, 'name_dob'] as const),
  ];
  const confirmed = possible.filter(([l]) => decided.get(l.key) === 'confirmed');
  const open = possible.filter(([l]) => !decided.has(l.key));
  if (byNpi.length || licenseAndName.length || confirmed.length)
    return {
      exclusionStatus: 'excluded',
      evidence: [
        ...byNpi.map((l) => evidenceOf(l, 'npi', false)),
        ...licenseAndName.map((l) => evidenceOf(l, 'license', false)),
        ...confirmed.map(([l, basis]) => evidenceOf(l, basis, true)),
      ],
    };
  if (open.length)
    return { exclusionStatus: 'possible_match', evidence: open.map(([l, basis]) => evidenceOf(l, basis, false)) };
  if (provider.npi === null && provider.dateOfBirth === null)
    return { exclusionStatus: 'insufficient_data', evidence: [] };
  return { exclusionStatus: 'clear', evidence: [] };
}
