/** A date of birth as `YYYY-MM-DD`, or why it could not be read. */
export type ParsedDate = { ok: true; date: string; note?: string } | { ok: false; reason: string };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Reads the date formats practice systems export: ISO (`1980-03-04`, with or without a time), US
 * (`3/4/1980`, `03-04-1980`, `3/4/80`), compact (`19800304`), and an Excel serial day (`29284`, a
 * date column that went through a spreadsheet as a number). Two-digit years are taken as the latest
 * year not in the future; a date in the future or before 1900 is not a date of birth.
 */
export function parseDateOfBirth(raw: string, today = new Date()): ParsedDate {
  const text = raw.trim();
  let y: number, m: number, d: number;
  let note: string | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text)))
    [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text))) {
    [m, d, y] = match.slice(1).map(Number) as [number, number, number];
    if (match[3]!.length === 2) {
      const century = Math.floor(today.getUTCFullYear() / 100) * 100;
      y += century;
      if (y > today.getUTCFullYear()) y -= 100;
      note = 'a two-digit year, expanded to the latest past century';
    }
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(text)))
    [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  else if (/^\d{5}$/.test(text)) {
    const day = new Date(EXCEL_EPOCH + Number(text) * 86_400_000);
    [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    note = 'a spreadsheet date number';
  } else return { ok: false, reason: 'is not a date (use YYYY-MM-DD or MM/DD/YYYY)' };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { ok: false, reason: 'is not a calendar date' };
  if (y < 1900 || date.getTime() > today.getTime()) return { ok: false, reason: 'is not a plausible date of birth' };
  return { ok: true, date: date.toISOString().slice(0, 10), ...(note ? { note } : {}) };
}
