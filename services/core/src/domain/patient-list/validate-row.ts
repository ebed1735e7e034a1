import type { ColumnMapping } from './columns';
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

export type RowResult = { ok: true; recipient: Recipient } | { ok: false; reasons: string[] };

/**
 * Cells a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd`, `@SUM`, leading tab/CR): such
 * a row is refused, so a list exported back to Excel can never carry an injected formula.
 * See: https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA = /^[=+@\t\r]|^-.*[(!]/;

const tidy = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Control characters (C0 other than whitespace, DEL, the C1 range U+0080–U+009F) and U+FFFD never belong
 * in a name or an address: they are what bytes look like when a file was decoded with the wrong table,
 * or held a byte its code page does not define (Windows-1252's 0x81 0x8D 0x8F 0x90 0x9D), and a letter
 * cannot print them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
const FIELDS = ['name', 'first name', 'last name', 'address', 'address line 2', 'city', 'state', 'ZIP code'] as const;

export function validateRow(cells: string[], mapping: ColumnMapping): RowResult {
  const cell = (index: number | undefined) => (index === undefined ? '' : tidy(cells[index]));
  const reasons: string[] = [];
  const used = [
    mapping.fullName,
    mapping.firstName,
    mapping.lastName,
    mapping.address1,
    mapping.address2,
    mapping.city,
    mapping.state,
    mapping.zip,
  ];
  if (used.some((i) => i !== undefined && FORMULA.test(cells[i] ?? '')))
    reasons.push('a cell looks like a spreadsheet formula');
  used.forEach((i, field) => {
    const control = i === undefined ? null : CONTROL.exec(cells[i] ?? '');
    if (control)
      reasons.push(
        `the ${FIELDS[field]} contains a character that cannot be printed (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}): the file's encoding may be wrong`,
      );
  });

  const name =
    mapping.fullName !== undefined && cell(mapping.fullName)
      ? cell(mapping.fullName)
      : [cell(mapping.firstName), cell(mapping.lastName)].filter(Boolean).join(' ');
  if (!name) reasons.push('missing name');
  else if (name.length > 100) reasons.push('name is longer than 100 characters');

  const rawStreet = cell(mapping.address1);
  const address1 = normaliseStreet(rawStreet);
  if (!address1) reasons.push('missing address');
  else {
    const why = undeliverableReason(address1);
    if (why) reasons.push(why);
  }
  const address2 = normaliseStreet(cell(mapping.address2)) || null;
  const city = normaliseCity(cell(mapping.city));
  if (!city) reasons.push('missing city');
  const rawState = cell(mapping.state);
  const state = normaliseState(rawState);
  if (!rawState) reasons.push('missing state');
  else if (!state) reasons.push('state is not a US state or territory code');
  const rawZip = cell(mapping.zip);
  const zip = normaliseZip(rawZip);
  if (!rawZip) reasons.push('missing ZIP code');
  else if (!zip) reasons.push('ZIP code is not 5 digits or ZIP+4');
  else if (state && !zipMatchesState(zip, state)) reasons.push(zipStateMismatch(zip, state));
  if ((address1 + (address2 ?? '')).length > 120) reasons.push('address is longer than 120 characters');

  if (reasons.length) return { ok: false, reasons };
  return { ok: true, recipient: { name, address1, address2, city, state: state!, zip: zip! } };
}

/** What makes two rows the same letter: name and street address, ZIP5 (case and spacing ignored). */
export function dedupeText(r: Recipient): string {
  return [r.name.toUpperCase(), r.address1, r.address2 ?? '', r.zip.slice(0, 5)].join('|');
}
