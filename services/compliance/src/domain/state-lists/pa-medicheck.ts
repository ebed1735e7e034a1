import { SourceFileError } from '../sources/source-file-error';
import type { StateListFormat, StateListing } from './state-list-format';

/**
 * Pennsylvania's Medicheck Precluded Providers List (Department of Human Services, Office of Medical
 * Assistance Programs): https://www.humanservices.state.pa.us/Medchk/MedchkSearch/Index, downloaded as
 * CSV from `Medchk?target=_blank`. Text fields are double-quoted (`ProviderName` has commas), dates are
 * `M/D/YYYY H:MM:SS` unquoted and unpadded; `EndDate` is when the preclusion ends (`12/31/2299` =
 * indefinitely, empty = open-ended, a past date = it ended). No date of birth: rows are matched on
 * NPI and licence. Placeholders `NULL`, `None`, `N/A` and `Unknown` mean empty; licence numbers may
 * carry a state suffix (`SC002553L (PA)`). The file has grown columns before (`NBR_FEIN`): columns are
 * read by name.
 */
export const PA_MEDICHECK: StateListFormat = {
  source: 'pa-medicheck',
  state: 'PA',
  label: 'Pennsylvania’s Medicaid exclusion list (Medicheck)',
  file: 'Medchk?target=_blank',
  columns: [
    'ProviderName',
    'LicenseNumber',
    'Status',
    'BeginDate',
    'EndDate',
    'CAO',
    'NAM_LAST_PROVR',
    'NAM_FIRST_PROVR',
    'NAM_MIDDLE_PROVR',
    'NAM_TITLE_PROVR',
    'NAM_BUSNS_MP',
    'IDN_NPI',
  ],
  toListing(row, line, today): StateListing | null {
    const get = (name: string) => clean(row.get(name) ?? '');
    const date = (name: string) => {
      const value = get(name);
      const parsed = medicheckDate(value);
      if (parsed === undefined)
        throw new SourceFileError('MALFORMED_ROW', `Line ${line}: ${name} is not a M/D/YYYY date.`);
      return parsed;
    };
    const endDate = date('EndDate');
    if (endDate !== null && endDate < today) return null; // the preclusion has ended
    const businessName = get('NAM_BUSNS_MP');
    const person = get('NAM_FIRST_PROVR') !== '' && businessName === '';
    const npi = get('IDN_NPI');
    return {
      // A business row's person-name cells hold junk at times: only a row with a first name is a person.
      lastName: person ? get('NAM_LAST_PROVR') : '',
      firstName: person ? get('NAM_FIRST_PROVR') : '',
      middleName: person ? get('NAM_MIDDLE_PROVR').replace(/\.$/, '') : '',
      businessName: person ? '' : businessName || get('ProviderName'),
      specialty: get('NAM_TITLE_PROVR'),
      npi: /^\d{10}$/.test(npi) && npi !== '0000000000' ? npi : null,
      licenseNumber: get('LicenseNumber').replace(/\s*\([A-Z]{2}\)$/, ''),
      dateOfBirth: null,
      exclusionType: get('Status'),
      exclusionDate: date('BeginDate'),
      endDate: endDate === INDEFINITELY ? null : endDate,
      region: get('CAO'),
    };
  },
};

const INDEFINITELY = '2299-12-31';
const PLACEHOLDERS = new Set(['NULL', 'NONE', 'N/A', 'UNKNOWN']);
const clean = (value: string) => {
  const v = value.trim();
  return PLACEHOLDERS.has(v.toUpperCase()) ? '' : v;
};

/** `M/D/YYYY H:MM:SS` (or without the time) → `YYYY-MM-DD`; empty → null; anything else → undefined. */
export function medicheckDate(value: string): string | null | undefined {
  if (value === '') return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i.exec(value);
  if (!m) return undefined;
  const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
