import { foldLicense, namesMatch } from '../matching/names';
import type { NpiStatus, RegistryTaxonomy } from './nppes-answer';

/** What the registry last said about an NPI (the `npi_verification` row). */
export interface NpiVerification {
  npi: string;
  status: NpiStatus;
  enumerationType: string | null;
  firstName: string | null;
  lastName: string | null;
  organizationName: string | null;
  taxonomies: RegistryTaxonomy[];
  error: string | null;
  checkedAt: Date;
}

export type NpiFindingType = 'npi_deactivated' | 'npi_not_found' | 'name_mismatch' | 'license_mismatch';

/** Something the registry says that the roster does not: for a person to look at, never an exclusion. */
export interface NpiFinding {
  type: NpiFindingType;
  /** Plain words for the practice: what differs, by NPI and licence (names stay on the screening). */
  detail: string;
}

export interface NpiCheck {
  /** null: not checked yet (no NPI, or the registry was not asked). */
  npiStatus: NpiStatus | null;
  findings: NpiFinding[];
  /** Why the last lookup failed, when it did. */
  error: string | null;
  checkedAt: Date | null;
}

interface RosterIdentity {
  npi: string | null;
  firstName: string;
  lastName: string;
  licenseState: string;
  licenseNumber: string;
}

/**
 * The roster provider against the registry's record of their NPI: deactivated or unknown NPIs, a name
 * that is not the registry's (after folding accents and case; a nickname is the name), and a roster
 * licence the registry does not list for that state. An `error` lookup yields no findings: what the
 * registry did not answer is neither verified nor contradicted.
 */
export function checkNpi(provider: RosterIdentity, verification: NpiVerification | undefined): NpiCheck {
  if (!provider.npi || !verification) return { npiStatus: null, findings: [], error: null, checkedAt: null };
  const base = { npiStatus: verification.status, error: verification.error, checkedAt: verification.checkedAt };
  if (verification.status === 'error') return { ...base, findings: [] };
  if (verification.status === 'not_found')
    return {
      ...base,
      findings: [{ type: 'npi_not_found', detail: `The NPI Registry has no NPI ${provider.npi}.` }],
    };
  const findings: NpiFinding[] = [];
  if (verification.status === 'deactivated')
    findings.push({ type: 'npi_deactivated', detail: `The NPI Registry lists NPI ${provider.npi} as deactivated.` });
  if (verification.enumerationType === 'NPI-2')
    findings.push({
      type: 'name_mismatch',
      detail: `NPI ${provider.npi} belongs to an organization, not a person.`,
    });
  else if (
    verification.lastName &&
    !namesMatch(provider, { firstName: verification.firstName ?? '', lastName: verification.lastName })
  )
    findings.push({
      type: 'name_mismatch',
      detail: `The NPI Registry's name for NPI ${provider.npi} is not the roster's (see the screening's evidence).`,
    });
  const license = foldLicense(provider.licenseNumber);
  if (license !== '') {
    const inState = verification.taxonomies.filter(
      (t) => t.state.toUpperCase() === provider.licenseState.toUpperCase(),
    );
    if (!inState.some((t) => foldLicense(t.license) === license))
      findings.push({
        type: 'license_mismatch',
        detail: inState.length
          ? `The NPI Registry lists ${inState.map((t) => t.license || '(no number)').join(', ')} for ${provider.licenseState}, not licence ${provider.licenseNumber}.`
          : `The NPI Registry lists no ${provider.licenseState} licence for NPI ${provider.npi}.`,
      });
  }
  return { ...base, findings };
}
