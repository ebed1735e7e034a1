import type { LeieRow } from '../leie/leie-format';
import { namesMatch } from './names';

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
}

/** A listing of the active snapshot, with its identity. */
export interface Listing extends LeieRow {
  key: string;
}

export type ExclusionStatus = 'excluded' | 'possible_match' | 'clear' | 'insufficient_data';

/** A person's decision on a possible match, remembered per provider and listing. */
export interface MatchDecision {
  listingKey: string;
  decision: 'confirmed' | 'dismissed';
}

/** Why a result is not clear: which listing of which snapshot, matched how. */
export interface Evidence {
  source: 'oig-leie';
  snapshotVersion: number;
  listingKey: string;
  /** `npi`: the listed NPI is the provider's (authoritative); `name_dob`: same name and date of birth. */
  basis: 'npi' | 'name_dob';
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
  >;
}

export interface ScreeningResult {
  exclusionStatus: ExclusionStatus;
  evidence: Evidence[];
}

const isPerson = (l: LeieRow) => l.lastName !== '' || l.firstName !== '';

/**
 * One provider against the listings that could be theirs (same NPI or same date of birth):
 * - `excluded`: a listing carries the provider's NPI (whatever its name or date of birth says: a maiden
 *   name, a typo), or a person confirmed a name match. A state waiver does not lift a federal exclusion.
 * - `possible_match`: no NPI hit, but a listed person has the provider's name (see namesMatch) and the
 *   identical date of birth; a person must decide. A dismissed one is not raised again.
 * - `insufficient_data`: neither an NPI nor a date of birth to screen with.
 * A name without the identical date of birth is never a match, and a name match alone never becomes
 * `excluded` without a person confirming it. Business listings are matched by NPI only.
 */
export function screenProvider(
  provider: RosterProvider,
  candidates: readonly Listing[],
  decisions: readonly MatchDecision[],
  snapshotVersion: number,
): ScreeningResult {
  const evidenceOf = (l: Listing, basis: Evidence['basis'], confirmed: boolean): Evidence => ({
    source: 'oig-leie',
    snapshotVersion,
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
    },
  });
  const byNpi = candidates.filter((l) => provider.npi !== null && l.npi === provider.npi);
  const byName = candidates.filter(
    (l) =>
      !byNpi.includes(l) &&
      isPerson(l) &&
      provider.dateOfBirth !== null &&
      l.dateOfBirth === provider.dateOfBirth &&
      namesMatch(provider, l),
  );
  const decided = new Map(decisions.map((d) => [d.listingKey, d.decision]));
  const confirmed = byName.filter((l) => decided.get(l.key) === 'confirmed');
  const open = byName.filter((l) => !decided.has(l.key));
  if (byNpi.length || confirmed.length)
    return {
      exclusionStatus: 'excluded',
      evidence: [
        ...byNpi.map((l) => evidenceOf(l, 'npi', false)),
        ...confirmed.map((l) => evidenceOf(l, 'name_dob', true)),
      ],
    };
  if (open.length)
    return { exclusionStatus: 'possible_match', evidence: open.map((l) => evidenceOf(l, 'name_dob', false)) };
  if (provider.npi === null && provider.dateOfBirth === null)
    return { exclusionStatus: 'insufficient_data', evidence: [] };
  return { exclusionStatus: 'clear', evidence: [] };
}
