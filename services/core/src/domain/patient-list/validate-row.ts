import { codePointName, unprintableCharacter } from '@plh/contracts';
import type { ColumnMapping, Field } from './columns';
import { parseDateOfBirth } from './date-of-birth';
import {
  normaliseCity,
  normaliseState,
  normaliseStreet,
  normaliseZip,
  undeliverableReason,
  zipMatchesState,
  zipStateMismatch,
} from './us-address';

/** A recipient ready to mail: the name as given (tidied), the address in USPS style. */
export interface Recipient {
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  state: string;
  zip: string;
}

/** The address as printed under the name: street, second line if any, then "CITY ST ZIP". */
export function addressLinesOf(r: Recipient): string[] {
  return [r.address1, ...(r.address2 ? [r.address2] : []), `${r.city} ${r.state} ${r.zip}`];
}

/**
 * Why a row was refused (error) or what the practice should check (warning), by field. Reasons name
 * fields, code points and ZIP prefixes, never a cell's value: they are stored beside the list and shown.
 */
export interface RowIssue {
  field: Field | null;
  code: string;
  reason: string;
}

export type RowResult =
  | { ok: true; recipient: Recipient; dateOfBirth: string | null; warnings: RowIssue[] }
  | { ok: false; errors: RowIssue[]; warnings: RowIssue[] };

/**
 * Cells a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd`, `@SUM`, leading tab/CR): such
 * a row is refused, so a list exported back to Excel can never carry an injected formula.
 * See: https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA = /^[=+@\t\r]|^-.*[(!]/;

/**
 * Control characters (C0 other than whitespace, DEL, the C1 range U+0080–U+009F) and U+FFFD never belong
 * in a name or an address: they are what bytes look like when a file was decoded with the wrong table,
 * or held a byte its code page does not define (Windows-1252's 0x81 0x8D 0x8F 0x90 0x9D).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

const LABELS: Record<Field, string> = {
  fullName: 'name',
  firstName: 'first name',
  lastName: 'last name',
  address1: 'address',
  address2: 'address line 2',
  city: 'city',
  state: 'state',
  zip: 'ZIP code',
  dateOfBirth: 'date of birth',
};
/** Fields printed on the letter (the date of birth is not). */
const PRINTED: Field[] = ['fullName', 'firstName', 'lastName', 'address1', 'address2', 'city', 'state', 'zip'];

/** Whitespace collapsed, and NFC: what is checked against the fonts is exactly what is stored and printed. */
const tidy = (value: string | undefined) => (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * One data row of a list, checked field by field: a row that cannot be mailed exactly as written is
 * refused with every reason, each naming its field; a repair the practice should see (a ZIP whose
 * leading zero a spreadsheet dropped, cells missing at the end of the row) is a warning.
 * `headerCount` is the number of header cells, to tell a ragged row from a shifted one.
 */
export function validateRow(cells: string[], mapping: ColumnMapping, headerCount: number): RowResult {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const error = (field: Field | null, code: string, reason: string) => errors.push({ field, code, reason });
  const warn = (field: Field | null, code: string, reason: string) => warnings.push({ field, code, reason });
  const raw = (field: Field) => (mapping[field] === undefined ? '' : (cells[mapping[field]] ?? ''));
  const cell = (field: Field) => tidy(raw(field));

  const extra = cells.slice(headerCount).filter((c) => c.trim() !== '').length;
  if (extra > 0)
    error(
      null,
      'EXTRA_CELLS',
      `the row has ${extra} more filled cell${extra > 1 ? 's' : ''} than the header has columns (an unquoted comma in a cell?)`,
    );
  else if (cells.length < headerCount)
    warn(
      null,
      'MISSING_CELLS',
      `the row has ${cells.length} of the header's ${headerCount} cells; the rest read as empty`,
    );

  for (const field of PRINTED) {
    const value = raw(field);
    if (!value.trim()) continue;
    if (FORMULA.test(value)) error(field, 'FORMULA', `the ${LABELS[field]} looks like a spreadsheet formula`);
    const control = CONTROL.exec(value);
    if (control) {
      error(
        field,
        'CONTROL_CHARACTER',
        `the ${LABELS[field]} contains a control character (${codePointName(control[0])}): the file's encoding may be wrong`,
      );
      continue;
    }
    const unprintable = unprintableCharacter(tidy(value));
    if (unprintable)
      error(
        field,
        'UNPRINTABLE_CHARACTER',
        `the ${LABELS[field]} contains ${codePointName(unprintable)}, which the letter fonts cannot print; spell it in Latin, Greek, Cyrillic or CJK letters`,
      );
  }

  let name = '';
  if (mapping.fullName !== undefined && cell('fullName')) name = cell('fullName');
  else if (mapping.firstName !== undefined || mapping.lastName !== undefined) {
    for (const field of ['firstName', 'lastName'] as const)
      if (mapping[field] !== undefined && !cell(field)) error(field, 'MISSING_NAME', `the ${LABELS[field]} is empty`);
    name = [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
  } else error('fullName', 'MISSING_NAME', 'the name is empty');
  if (name.length > 100) error('fullName', 'NAME_TOO_LONG', 'the name is longer than 100 characters');

  const address1 = normaliseStreet(cell('address1'));
  if (!address1) error('address1', 'MISSING_ADDRESS', 'the address is empty');
  else {
    const why = undeliverableReason(address1);
    if (why) error('address1', 'UNDELIVERABLE_ADDRESS', why);
  }
  const address2 = normaliseStreet(cell('address2')) || null;
  if ((address1 + (address2 ?? '')).length > 120)
    error('address1', 'ADDRESS_TOO_LONG', 'the address is longer than 120 characters');
  const city = normaliseCity(cell('city'));
  if (!city) error('city', 'MISSING_CITY', 'the city is empty');

  const rawState = cell('state');
  const state = normaliseState(rawState);
  if (!rawState) error('state', 'MISSING_STATE', 'the state is empty');
  else if (!state)
    error('state', 'INVALID_STATE', 'the state is not a US state or territory (a code like MA, or its name)');

  const rawZip = cell('zip');
  const zip = normaliseZip(rawZip);
  if (!rawZip) error('zip', 'MISSING_ZIP', 'the ZIP code is empty');
  else if (!zip) error('zip', 'INVALID_ZIP', 'the ZIP code is not 5 digits or ZIP+4');
  else {
    if (state && !zipMatchesState(zip, state)) error('zip', 'ZIP_STATE_MISMATCH', zipStateMismatch(zip, state));
    if (/^\d{4}(?:-?\d{4})?$/.test(rawZip.replace(/\s/g, '')))
      warn('zip', 'ZIP_PADDED', 'the ZIP code had 4 digits and was read with a leading 0 (a spreadsheet drops it)');
  }

  let dateOfBirth: string | null = null;
  const rawDob = cell('dateOfBirth');
  if (rawDob) {
    const parsed = parseDateOfBirth(rawDob);
    if (parsed.ok) {
      dateOfBirth = parsed.date;
      // The reason names how the date was read, never the date (it is kept only inside the HMAC).
      if (parsed.note) warn('dateOfBirth', 'DATE_OF_BIRTH_GUESSED', `the date of birth was read from ${parsed.note}`);
    } else
      warn(
        'dateOfBirth',
        'DATE_OF_BIRTH_UNREADABLE',
        `the date of birth ${parsed.reason}; it is not used to tell patients apart`,
      );
  }

  if (errors.length) return { ok: false, errors, warnings };
  return { ok: true, recipient: { name, address1, address2, city, state: state!, zip: zip! }, dateOfBirth, warnings };
}

/**
 * What makes two rows the same letter: name and street address, ZIP5 (case and spacing ignored), and
 * the date of birth when the list has one — a father and son of one name at one address (Sr./Jr.) are
 * two patients. The text is only ever used inside a keyed hash (PhiSealer.dedupeKey).
 */
export function dedupeText(r: Recipient, dateOfBirth: string | null): string {
  return [r.name.toUpperCase(), r.address1, r.address2 ?? '', r.zip.slice(0, 5), dateOfBirth ?? ''].join('|');
}
