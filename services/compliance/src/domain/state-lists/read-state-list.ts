import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { SourceFileError } from '../sources/source-file-error';
import type { StateListFormat, StateListing } from './state-list-format';

/**
 * Streams a state list: the header checked against the format's columns (by name, case and spaces
 * aside) before any row is used, then each row turned into a listing in force (rows that are not are
 * skipped). Counts every data row read. Throws SourceFileError for a file that is not this list or
 * is damaged; the caller applies nothing of such a file.
 */
export async function* readStateList(
  format: StateListFormat,
  source: Readable,
  today: string,
  counts: { rows: number } = { rows: 0 },
): AsyncGenerator<StateListing> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: 64 * 1024,
    info: true,
  });
  pipeline(source, parser, () => undefined);
  let columns: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = checkHeader(format, record);
        continue;
      }
      // A trailing delimiter (an empty cell past the last column) is how some exports end their lines.
      while (record.length > columns.length && record.at(-1)?.trim() === '') record.pop();
      if (record.length !== columns.length)
        throw new SourceFileError(
          'MALFORMED_ROW',
          `Line ${info.lines} has ${record.length} fields instead of ${columns.length}: the file is damaged or cut short.`,
        );
      counts.rows++;
      const row = new Map(columns.map((name, i) => [name, record[i] ?? '']));
      const listing = format.toListing(row, info.lines, today);
      if (listing) yield listing;
    }
  } catch (err) {
    if (err instanceof SourceFileError) throw err;
    if (err instanceof CsvError) {
      const code = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'TRUNCATED' : 'MALFORMED_ROW';
      throw new SourceFileError(code, `The file is not valid CSV (${err.code}).`);
    }
    throw err;
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (!columns) throw new SourceFileError('EMPTY_FILE', 'The file is empty.');
}

/** The header's column names as the format spells them; every column the format reads must be there. */
function checkHeader(format: StateListFormat, cells: string[]): string[] {
  const norm = (v: string) =>
    v
      .replace(/^\uFEFF/, '')
      .trim()
      .toUpperCase();
  if (cells.length === 1 && /^<(!doctype|html|\?xml)/i.test(cells[0]!.trim()))
    throw new SourceFileError('NOT_CSV', `The source answered with an HTML or XML page, not ${format.label}.`);
  const byName = new Map(format.columns.map((c) => [norm(c), c]));
  const names = cells.map((c) => byName.get(norm(c)) ?? norm(c));
  const missing = format.columns.filter((c) => !names.includes(c));
  if (missing.length)
    throw new SourceFileError(
      'WRONG_HEADER',
      `The header is not ${format.label}'s: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''} missing.`,
    );
  return names;
}
