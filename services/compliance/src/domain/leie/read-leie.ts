import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { SourceFileError } from '../sources/source-file-error';
import { checkLeieHeader, toLeieRow, type LeieRow } from './leie-format';

/**
 * Streams a LEIE file (full or supplement): the header checked before any row is used, then each row
 * parsed (toLeieRow). Memory stays flat. Throws SourceFileError for a file that is not a LEIE file or is
 * damaged; the caller applies nothing of such a file.
 */
export async function* readLeie(source: Readable): AsyncGenerator<LeieRow> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: 64 * 1024,
    info: true,
  });
  // pipeline, not pipe: an error of the source (a dropped connection, the size cap, a body shorter than
  // announced) ends the parser with that error instead of leaving it waiting for more bytes.
  pipeline(source, parser, () => undefined);
  let headerSeen = false;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headerSeen) {
        checkLeieHeader(record.record);
        headerSeen = true;
        continue;
      }
      yield toLeieRow(record.record, record.info.lines);
    }
  } catch (err) {
    if (err instanceof SourceFileError) throw err;
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      // An unclosed quote at the end is what a file cut short mid-row looks like.
      const code = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'TRUNCATED' : 'MALFORMED_ROW';
      throw new SourceFileError(code, `The file is not valid CSV (${err.code}${line ? ` near line ${line}` : ''}).`);
    }
    throw err;
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (!headerSeen) throw new SourceFileError('EMPTY_FILE', 'The file is empty.');
}
