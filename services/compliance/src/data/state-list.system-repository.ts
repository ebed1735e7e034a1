import type { Listing } from '../domain/matching/screen-provider';
import { foldLicense } from '../domain/matching/names';
import type { StateListing } from '../domain/state-lists/state-list-format';
import type { Tx } from './db';

const RECORD = `listing_key text, "lastName" text, "firstName" text, "middleName" text, "businessName" text,
  specialty text, npi text, "licenseNumber" text, license_key text, "dateOfBirth" date, "exclusionType" text,
  "exclusionDate" date, "endDate" date, region text`;
const COLUMNS = `listing_key, last_name, first_name, middle_name, business_name, specialty, npi, license_number,
  license_key, date_of_birth, exclusion_type, exclusion_date, end_date, region`;
const FROM_RECORD = `listing_key, "lastName", "firstName", "middleName", "businessName", specialty, npi,
  "licenseNumber", license_key, "dateOfBirth", "exclusionType", "exclusionDate", "endDate", region`;

interface Row {
  source: string;
  state: string;
  listing_key: string;
  last_name: string;
  first_name: string;
  middle_name: string;
  business_name: string;
  specialty: string;
  npi: string | null;
  license_number: string;
  date_of_birth: string | null;
  exclusion_type: string;
  exclusion_date: string | null;
  end_date: string | null;
  region: string;
}

/** A state listing in the shape screening reads (the LEIE's columns it lacks are empty). */
const toListing = (r: Row): Listing => ({
  key: r.listing_key,
  source: r.source,
  licenseNumber: r.license_number,
  lastName: r.last_name,
  firstName: r.first_name,
  middleName: r.middle_name,
  businessName: r.business_name,
  general: '',
  specialty: r.specialty,
  upin: '',
  npi: r.npi,
  dateOfBirth: r.date_of_birth,
  address: '',
  city: r.region,
  state: r.state,
  zip: '',
  exclusionType: r.exclusion_type,
  exclusionDate: r.exclusion_date,
  reinstatementDate: r.end_date,
  waiverDate: null,
  waiverState: '',
});

/**
 * The state lists' listings by source and snapshot version (a state publishes its whole list each
 * time): a file is staged, then applied as one new version in the same transaction, replacing the
 * source's active set.
 */
export function stateListSystemRepository(tx: Tx) {
  return {
    async createStaging(): Promise<void> {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE state_staging (LIKE state_listing INCLUDING DEFAULTS EXCLUDING IDENTITY) ON COMMIT DROP`,
      );
      await tx.$executeRawUnsafe(
        `ALTER TABLE state_staging DROP COLUMN id, DROP COLUMN source, DROP COLUMN state, DROP COLUMN added_version`,
      );
    },
    async stage(rows: Array<StateListing & { listing_key: string }>): Promise<void> {
      if (rows.length === 0) return;
      await tx.$executeRawUnsafe(
        `INSERT INTO state_staging (${COLUMNS}) SELECT ${FROM_RECORD} FROM json_to_recordset($1::json) AS t(${RECORD})`,
        JSON.stringify(rows.map((r) => ({ ...r, license_key: foldLicense(r.licenseNumber) }))),
      );
    },
    /** Staged listings not active yet enter the source's active set at `version`; answers how many. */
    async addStaged(source: string, state: string, version: number): Promise<number> {
      return tx.$executeRawUnsafe(
        `INSERT INTO state_listing (source, state, ${COLUMNS}, added_version)
         SELECT DISTINCT ON (s.listing_key) $1, $2, ${COLUMNS.split(',')
           .map((c) => `s.${c.trim()}`)
           .join(', ')}, $3
           FROM state_staging s
          WHERE NOT EXISTS (SELECT 1 FROM state_listing l
                             WHERE l.source = $1 AND l.listing_key = s.listing_key AND l.removed_version IS NULL)
          ORDER BY s.listing_key`,
        source,
        state,
        version,
      );
    },
    /** Active listings of the source the staged file no longer has (ended, or withdrawn) leave at `version`. */
    async removeAbsentFromStaged(source: string, version: number): Promise<number> {
      return tx.$executeRawUnsafe(
        `UPDATE state_listing l SET removed_version = $2
          WHERE l.source = $1 AND l.removed_version IS NULL
            AND NOT EXISTS (SELECT 1 FROM state_staging s WHERE s.listing_key = l.listing_key)`,
        source,
        version,
      );
    },
    /** Active listings of the source whose end date has passed leave at `version`; answers how many. */
    async expireEnded(source: string, today: string, version: number): Promise<number> {
      return tx.$executeRawUnsafe(
        `UPDATE state_listing SET removed_version = $3
          WHERE source = $1 AND removed_version IS NULL AND end_date < $2::date`,
        source,
        today,
        version,
      );
    },
    async activeCount(source: string): Promise<number> {
      const [row] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM state_listing WHERE source = $1 AND removed_version IS NULL`,
        source,
      );
      return row!.n;
    },
    /** Each state list's current snapshot version, by source (sources that never applied a file: absent). */
    async versions(): Promise<Map<string, number>> {
      const rows = await tx.$queryRawUnsafe<Array<{ name: string; v: number }>>(
        `SELECT name, snapshot_version AS v FROM source
          WHERE snapshot_version > 0 AND EXISTS (SELECT 1 FROM state_listing l WHERE l.source = source.name)`,
      );
      return new Map(rows.map((r) => [r.name, r.v]));
    },
    /** The NPIs and licence keys of the source's listings that entered or left at `version`. */
    async changedAt(source: string, version: number): Promise<{ npis: Set<string>; licenses: Set<string> }> {
      const rows = await tx.$queryRawUnsafe<Array<{ npi: string | null; license_key: string }>>(
        `SELECT DISTINCT npi, license_key FROM state_listing
          WHERE source = $1 AND (added_version = $2 OR removed_version = $2)`,
        source,
        version,
      );
      return {
        npis: new Set(rows.flatMap((r) => (r.npi ? [r.npi] : []))),
        licenses: new Set(rows.flatMap((r) => (r.license_key ? [r.license_key] : []))),
      };
    },
    /** Active listings of every state list that could be these providers': same NPI, licence or date of birth. */
    async candidates(npis: string[], licenseKeys: string[], datesOfBirth: string[]): Promise<Listing[]> {
      if (npis.length === 0 && licenseKeys.length === 0 && datesOfBirth.length === 0) return [];
      const rows = await tx.$queryRawUnsafe<Row[]>(
        `SELECT source, state, listing_key, last_name, first_name, middle_name, business_name, specialty, npi,
                license_number, exclusion_type, region,
                to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
                to_char(exclusion_date, 'YYYY-MM-DD') AS exclusion_date,
                to_char(end_date, 'YYYY-MM-DD') AS end_date
           FROM state_listing
          WHERE removed_version IS NULL
            AND (npi = ANY($1::text[]) OR license_key = ANY($2::text[]) OR date_of_birth = ANY($3::date[]))`,
        npis,
        licenseKeys.filter((k) => k !== ''),
        datesOfBirth,
      );
      return rows.map(toListing);
    },
  };
}
