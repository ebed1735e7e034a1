import { createHash } from 'node:crypto';

/**
 * A state Medicaid exclusion list, as the state publishes it. Each state has its own file, columns and
 * conventions, and they drift: a format pins the columns it reads (by name; extra columns are
 * allowed, a missing one fails the sync before any row is used) and turns each row into a listing in
 * force, or null for a row that is not (an exclusion that ended). The next state is a new format
 * file and a source row, not a new design.
 */
export interface StateListFormat {
  /** The compliance source's name (`pa-medicheck`). */
  source: string;
  /** The state whose Medicaid program excludes (the licence state matched on). */
  state: string;
  /** How people call it. */
  label: string;
  /** The file below the source's `config.baseUrl`. */
  file: string;
  /** Columns the format reads, by header name. */
  columns: readonly string[];
  toListing(row: ReadonlyMap<string, string>, line: number, today: string): StateListing | null;
}

/** One listing in force, in the shape screening reads (the LEIE's, plus the licence). */
export interface StateListing {
  lastName: string;
  firstName: string;
  middleName: string;
  businessName: string;
  /** The provider type or title (`MD`, `RN`, `PHARMACY`). */
  specialty: string;
  npi: string | null;
  licenseNumber: string;
  dateOfBirth: string | null;
  /** The state's status word (`Precluded`, `Terminated`). */
  exclusionType: string;
  exclusionDate: string | null;
  /** When the exclusion ends (null: indefinitely). */
  endDate: string | null;
  /** Where the state's office that listed it is (a county, `Out of State (NJ)`). */
  region: string;
}

/** Identity of a state listing: the same person or entity, the same licence and NPI, from the same date. */
export function stateListingKey(source: string, l: StateListing): string {
  const identity = [
    l.lastName,
    l.firstName,
    l.middleName,
    l.businessName,
    l.npi ?? '',
    l.licenseNumber,
    l.exclusionDate ?? '',
  ]
    .map((v) => v.toUpperCase())
    .join('|');
  return `${source}:${createHash('sha256').update(identity).digest('hex').slice(0, 40)}`;
}
