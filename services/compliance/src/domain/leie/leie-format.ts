import { SourceFileError } from '../sources/source-file-error';

/**
 * The OIG List of Excluded Individuals/Entities (LEIE) as OIG publishes it:
 * https://oig.hhs.gov/exclusions/exclusions_list.asp — the full file `UPDATED.csv` and the monthly
 * supplements `<YYYY>/<YYMM>EXCL.csv` (new exclusions) and `<YYYY>/<YYMM>REIN.csv` (reinstatements),
 * all with the same 18 quoted columns. Dates are `YYYYMMDD` with `00000000` for none; an NPI of
 * `0000000000` means none (most rows predate NPIs) and is never matched on; ZIP and NPI are text
 * (leading zeros). A business row has BUSNAME and no person name.
 */
/** The LEIE's source name. */
export const LEIE_SOURCE = 'oig-leie';

export const LEIE_COLUMNS = [
  'LASTNAME',
  'FIRSTNAME',
  'MIDNAME',
  'BUSNAME',
  'GENERAL',
  'SPECIALTY',
  'UPIN',
  'NPI',
  'DOB',
  'ADDRESS',
  'CITY',
  'STATE',
  'ZIP',
  'EXCLTYPE',
  'EXCLDATE',
  'REINDATE',
  'WAIVERDATE',
  'WVRSTATE',
] as const;

/** Some releases spell the last column out. */
const HEADER_ALIASES: Record<string, (typeof LEIE_COLUMNS)[number]> = { WAIVERSTATE: 'WVRSTATE' };

/** One listed individual or entity, as published (dates ISO `YYYY-MM-DD` or null). */
export interface LeieRow {
  lastName: string;
  firstName: string;
  middleName: string;
  businessName: string;
  general: string;
  specialty: string;
  upin: string;
  /** Null for `0000000000` or empty: no NPI to match on. */
  npi: string | null;
  dateOfBirth: string | null;
  address: string;
  city: string;
  state: string;
  zip: string;
  /** The Social Security Act authority, e.g. `1128a1`. */
  exclusionType: string;
  exclusionDate: string | null;
  reinstatementDate: string | null;
  waiverDate: string | null;
  waiverState: string;
}

/** Checks a header row against the published columns (names and order), before any row is used. */
export function checkLeieHeader(cells: string[]): void {
  const names = cells.map((c, i) => {
    const name = (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim().toUpperCase();
    return HEADER_ALIASES[name] ?? name;
  });
  if (names.length === 1 && /^<(!doctype|html|\?xml)/i.test(names[0] ?? ''))
    throw new SourceFileError('NOT_CSV', 'The source answered with an HTML or XML page, not the LEIE CSV file.');
  const expected = LEIE_COLUMNS.join(',');
  if (names.join(',') !== expected)
    throw new SourceFileError(
      'WRONG_HEADER',
      `The header is not the LEIE header (expected ${expected}; got ${names.length} other columns).`,
    );
}

/** `YYYYMMDD` → `YYYY-MM-DD`; `00000000` or empty → null; anything else → undefined (invalid). */
export function leieDate(value: string): string | null | undefined {
  const v = value.trim();
  if (v === '' || /^0{8}$/.test(v)) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    return undefined;
  return `${y}-${mo}-${d}`;
}

/** An NPI to match on: ten digits and not the all-zero placeholder. */
export function leieNpi(value: string): string | null {
  const v = value.trim();
  return /^\d{10}$/.test(v) && v !== '0000000000' ? v : null;
}

/**
 * One data record → a row; a record with the wrong number of cells or an impossible date is refused
 * with its line (a file cut short usually ends in such a record).
 */
export function toLeieRow(cells: string[], line: number): LeieRow {
  if (cells.length !== LEIE_COLUMNS.length)
    throw new SourceFileError(
      'MALFORMED_ROW',
      `Line ${line} has ${cells.length} fields instead of ${LEIE_COLUMNS.length}: the file is damaged or cut short.`,
    );
  const c = cells.map((v) => v.trim());
  const date = (i: number, name: string) => {
    const d = leieDate(c[i]!);
    if (d === undefined) throw new SourceFileError('MALFORMED_ROW', `Line ${line}: ${name} is not a YYYYMMDD date.`);
    return d;
  };
  return {
    lastName: c[0]!,
    firstName: c[1]!,
    middleName: c[2]!,
    businessName: c[3]!,
    general: c[4]!,
    specialty: c[5]!,
    upin: c[6]!,
    npi: leieNpi(c[7]!),
    dateOfBirth: date(8, 'DOB'),
    address: c[9]!,
    city: c[10]!,
    state: c[11]!,
    zip: c[12]!,
    exclusionType: c[13]!,
    exclusionDate: date(14, 'EXCLDATE'),
    reinstatementDate: date(15, 'REINDATE'),
    waiverDate: date(16, 'WAIVERDATE'),
    waiverState: c[17]!,
  };
}

/**
 * The identity of a listing: the same person or entity excluded on the same date under the same
 * authority. A REIN supplement names rows by it; the same key in a later full file is the same listing.
 */
export function listingKey(r: LeieRow): string {
  return [
    r.lastName,
    r.firstName,
    r.middleName,
    r.businessName,
    r.npi ?? '',
    r.dateOfBirth ?? '',
    r.exclusionType,
    r.exclusionDate ?? '',
  ]
    .map((v) => v.toUpperCase())
    .join('|');
}
