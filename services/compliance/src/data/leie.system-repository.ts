import type { LeieRow } from '../domain/leie/leie-format';
import type { Listing } from '../domain/matching/screen-provider';
import type { Tx } from './db';

/** The columns of a listing, in the order of LeieRow's fields (snake_case in SQL). */
const COLUMNS = `last_name, first_name, middle_name, business_name, general, specialty, upin, npi, date_of_birth,
  address, city, state, zip, exclusion_type, exclusion_date, reinstatement_date, waiver_date, waiver_state`;

const RECORD_TYPE = `listing_key text, "lastName" text, "firstName" text, "middleName" text, "businessName" text,
  general text, specialty text, upin text, npi text, "dateOfBirth" date, address text, city text, state text, zip text,
  "exclusionType" text, "exclusionDate" date, "reinstatementDate" date, "waiverDate" date, "waiverState" text`;

const FROM_RECORD = `"lastName", "firstName", "middleName", "businessName", general, specialty, upin, npi, "dateOfBirth",
  address, city, state, zip, "exclusionType", "exclusionDate", "reinstatementDate", "waiverDate", "waiverState"`;

interface ListingRow {
  listing_key: string;
  last_name: string;
  first_name: string;
  middle_name: string;
  business_name: string;
  general: string;
  specialty: string;
  upin: string;
  npi: string | null;
  date_of_birth: string | null;
  address: string;
  city: string;
  state: string;
  zip: string;
  exclusion_type: string;
  exclusion_date: string | null;
  reinstatement_date: string | null;
  waiver_date: string | null;
  waiver_state: string;
}

const toListing = (r: ListingRow): Listing => ({
  key: r.listing_key,
  source: 'oig-leie',
  licenseNumber: '',
  lastName: r.last_name,
  firstName: r.first_name,
  middleName: r.middle_name,
  businessName: r.business_name,
  general: r.general,
  specialty: r.specialty,
  upin: r.upin,
  npi: r.npi,
  dateOfBirth: r.date_of_birth,
  address: r.address,
  city: r.city,
  state: r.state,
  zip: r.zip,
  exclusionType: r.exclusion_type,
  exclusionDate: r.exclusion_date,
  reinstatementDate: r.reinstatement_date,
  waiverDate: r.waiver_date,
  waiverState: r.waiver_state,
});

const DATES = (prefix = '') =>
  ['date_of_birth', 'exclusion_date', 'reinstatement_date', 'waiver_date']
    .map((c) => `to_char(${prefix}${c}, 'YYYY-MM-DD') AS ${c}`)
    .join(', ');

/**
 * The LEIE's listings by snapshot version. A file is first staged (a temporary table dropped at
 * commit), then applied as one new version in the same transaction: nothing of a file that fails
 * half-way is ever applied.
 */
export function leieSystemRepository(tx: Tx) {
  return {
    async createStaging(): Promise<void> {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE leie_staging (LIKE leie_listing INCLUDING DEFAULTS EXCLUDING IDENTITY) ON COMMIT DROP`,
      );
      await tx.$executeRawUnsafe(`ALTER TABLE leie_staging DROP COLUMN id, DROP COLUMN added_version`);
    },
    /** A batch of a file's rows with their listing keys, as one JSON text (json_to_recordset). */
    async stage(rows: Array<LeieRow & { listing_key: string }>): Promise<void> {
      if (rows.length === 0) return;
      await tx.$executeRawUnsafe(
        `INSERT INTO leie_staging (listing_key, ${COLUMNS})
         SELECT listing_key, ${FROM_RECORD} FROM json_to_recordset($1::json) AS t(${RECORD_TYPE})`,
        JSON.stringify(rows),
      );
    },
    /** Staged listings not active yet enter the active set at `version` (a full file or an EXCL supplement). */
    async addStaged(version: number): Promise<number> {
      return tx.$executeRawUnsafe(
        `INSERT INTO leie_listing (listing_key, ${COLUMNS}, added_version)
         SELECT DISTINCT ON (s.listing_key) s.listing_key, ${COLUMNS.split(',')
           .map((c) => `s.${c.trim()}`)
           .join(', ')}, $1
           FROM leie_staging s
          WHERE NOT EXISTS (SELECT 1 FROM leie_listing l WHERE l.listing_key = s.listing_key AND l.removed_version IS NULL)
          ORDER BY s.listing_key`,
        version,
      );
    },
    /** Active listings the staged full file no longer has leave the active set at `version`. */
    async removeAbsentFromStaged(version: number): Promise<number> {
      return tx.$executeRawUnsafe(
        `UPDATE leie_listing l SET removed_version = $1, removed_reason = 'absent_from_full'
          WHERE l.removed_version IS NULL
            AND NOT EXISTS (SELECT 1 FROM leie_staging s WHERE s.listing_key = l.listing_key)`,
        version,
      );
    },
    /** Active listings a REIN supplement names leave the active set at `version`, reinstated. */
    async reinstateStaged(version: number): Promise<number> {
      return tx.$executeRawUnsafe(
        `UPDATE leie_listing l SET removed_version = $1, removed_reason = 'reinstated'
          WHERE l.removed_version IS NULL
            AND EXISTS (SELECT 1 FROM leie_staging s WHERE s.listing_key = l.listing_key)`,
        version,
      );
    },
    /** The LEIE's current snapshot version (0 before the first file). */
    async currentVersion(): Promise<number> {
      const [row] = await tx.$queryRawUnsafe<Array<{ v: number }>>(
        `SELECT snapshot_version AS v FROM source WHERE name = 'oig-leie'`,
      );
      return row?.v ?? 0;
    },
    async activeCount(): Promise<number> {
      const [row] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM leie_listing WHERE removed_version IS NULL`,
      );
      return row!.n;
    },
    /** The NPIs and dates of birth of the listings that entered or left the active set at `version`. */
    async changedAt(version: number): Promise<{ npis: Set<string>; datesOfBirth: Set<string> }> {
      const rows = await tx.$queryRawUnsafe<Array<{ npi: string | null; dob: string | null }>>(
        `SELECT DISTINCT npi, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM leie_listing
          WHERE added_version = $1 OR removed_version = $1`,
        version,
      );
      return {
        npis: new Set(rows.flatMap((r) => (r.npi ? [r.npi] : []))),
        datesOfBirth: new Set(rows.flatMap((r) => (r.dob ? [r.dob] : []))),
      };
    },
    /** This content is in force already (a full file: the last one applied) or was applied (a supplement, under any name). */
    async fileApplied(sha256: string, kind: 'full' | 'exclusions' | 'reinstatements'): Promise<boolean> {
      // A full file is the whole list: only the one in force counts (a list that returns to an earlier
      // content, after another, is applied again). A supplement's content is applied once, ever.
      if (kind === 'full') {
        const last = await tx.leieFile.findFirst({ where: { kind: 'full' }, orderBy: { version: 'desc' } });
        return last?.sha256 === sha256;
      }
      return (await tx.leieFile.count({ where: { sha256 } })) > 0;
    },
    recordFile: (file: {
      name: string;
      sha256: string;
      kind: 'full' | 'exclusions' | 'reinstatements';
      bytes: number;
      rows: number;
      version: number;
      syncId: string;
      etag: string | null;
      lastModified: string | null;
    }) =>
      tx.leieFile.upsert({
        where: { name_sha256: { name: file.name, sha256: file.sha256 } },
        create: { ...file, bytes: BigInt(file.bytes) },
        update: { ...file, bytes: BigInt(file.bytes), appliedAt: new Date() },
      }),
    /** The conditional-GET validators of the file of this name applied last (none: never applied). */
    async validatorsOf(name: string): Promise<{ etag: string | null; lastModified: string | null } | undefined> {
      const row = await tx.leieFile.findFirst({
        where: { name },
        orderBy: { appliedAt: 'desc' },
        select: { etag: true, lastModified: true },
      });
      return row ?? undefined;
    },
    /**
     * Active listings that could be these providers': the same NPI, or a person born the same day whose
     * name `nameMatches` accepts. People born on a day are read as names only, and only those kept are
     * read in full: most people born on a provider's birthday are someone else, and screening a whole
     * batch of practices reads thousands of them.
     */
    async candidates(
      npis: string[],
      datesOfBirth: string[],
      nameMatches: (person: { firstName: string; lastName: string; dateOfBirth: string }) => boolean = () => true,
    ): Promise<Listing[]> {
      if (npis.length === 0 && datesOfBirth.length === 0) return [];
      const born = datesOfBirth.length
        ? await tx.$queryRawUnsafe<Array<{ k: string; f: string; l: string; d: string }>>(
            `SELECT listing_key AS k, first_name AS f, last_name AS l, to_char(date_of_birth, 'YYYY-MM-DD') AS d
               FROM leie_listing
              WHERE removed_version IS NULL AND date_of_birth = ANY($1::date[]) AND (first_name <> '' OR last_name <> '')`,
            datesOfBirth,
          )
        : [];
      const keys = born.filter((p) => nameMatches({ firstName: p.f, lastName: p.l, dateOfBirth: p.d })).map((p) => p.k);
      const rows = await tx.$queryRawUnsafe<ListingRow[]>(
        `SELECT listing_key, last_name, first_name, middle_name, business_name, general, specialty, upin, npi,
                address, city, state, zip, exclusion_type, waiver_state, ${DATES()}
           FROM leie_listing
          WHERE removed_version IS NULL AND (npi = ANY($1::text[]) OR listing_key = ANY($2::text[]))`,
        npis,
        keys,
      );
      return rows.map(toListing);
    },
  };
}
