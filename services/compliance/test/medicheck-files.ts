/** One row of Pennsylvania's Medicheck list, by its column names (absent ones are empty). */
export type MedicheckRecord = Partial<Record<(typeof MEDICHECK_HEADER)[number], string>>;

/** The header of the Medicheck CSV as DHS publishes it (NBR_FEIN joined it later, at the end). */
export const MEDICHECK_HEADER = [
  'ProviderName',
  'LicenseNumber',
  'Status',
  'BeginDate',
  'EndDate',
  'CAO',
  'ListDate',
  'IND_CHGD',
  'DTE_CHANGE_LAST',
  'NAM_LAST_PROVR',
  'NAM_FIRST_PROVR',
  'NAM_MIDDLE_PROVR',
  'NAM_TITLE_PROVR',
  'NAM_SUFFIX_PROVR',
  'NAM_PROVR_ALT',
  'NAM_BUSNS_MP',
  'IDN_NPI',
  'NBR_FEIN',
] as const;

/** Dates and the change flag are written unquoted; every other non-empty field is quoted. */
const UNQUOTED = new Set(['BeginDate', 'EndDate', 'ListDate', 'IND_CHGD', 'DTE_CHANGE_LAST']);

/** A Medicheck CSV (CRLF line ends) of these records, in the real quoting. */
export function medicheckCsv(records: MedicheckRecord[], header: readonly string[] = MEDICHECK_HEADER): string {
  const cell = (name: string, value: string | undefined) =>
    value === undefined || value === '' ? '' : UNQUOTED.has(name) ? value : `"${value.replace(/"/g, '""')}"`;
  const lines = [header.map((h) => `"${h}"`).join(',')];
  for (const r of records)
    lines.push(
      header
        .map((h) =>
          cell(
            h,
            { IND_CHGD: '0', ListDate: '5/6/2014 0:00:00', ...r }[h as keyof MedicheckRecord] as string | undefined,
          ),
        )
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** A precluded person as Medicheck lists one. */
export function precludedPerson(last: string, first: string, over: MedicheckRecord = {}): MedicheckRecord {
  return {
    ProviderName: `${last}, ${first}, RN`,
    LicenseNumber: 'RN000000L',
    Status: 'Precluded',
    BeginDate: '3/20/2014 0:00:00',
    EndDate: '12/31/2299 0:00:00',
    CAO: 'Philadelphia',
    NAM_LAST_PROVR: last,
    NAM_FIRST_PROVR: first,
    NAM_TITLE_PROVR: 'RN',
    ...over,
  };
}

/** `n` unremarkable precluded people with distinct licences. */
export const fillerPrecluded = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    precludedPerson(`Filler${i}`, 'Pat', { LicenseNumber: `RN${String(100000 + i)}L` }),
  );
