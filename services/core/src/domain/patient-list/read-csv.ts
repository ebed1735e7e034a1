import iconv from 'iconv-lite';
import { CsvError, parse, type Parser } from 'csv-parse';
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';

/** A reason the whole file cannot be read as a patient list; nothing of it is imported. */
export class ListFileError extends Error {
  constructor(
    readonly code: 'EMPTY_LIST' | 'NO_COLUMNS' | 'MALFORMED_CSV' | 'TOO_MANY_ROWS' | 'NO_DATA_ROWS',
    message: string,
  ) {
    super(message);
    this.name = 'ListFileError';
  }
}

const DELIMITERS = [',', ';', '\t', '|'];
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text of a line. Lists come from EHR exports and Excel in UTF-8 or Windows-1252, sometimes both in
 * one file (rows pasted together): a line that is not valid UTF-8 is read as Windows-1252, so
 * "Nuñez" survives either way and no row is lost to mojibake.
 */
export function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // iconv-lite's table, not the runtime's: some Node releases decoded 'windows-1252' as ISO-8859-1
    // (0x92 → U+0092 instead of ’). Bytes the code page leaves undefined become U+FFFD, which
    // validateRow refuses with the field named.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
  }
}

/**
 * Bytes → text, one line at a time (decodeLine). Splitting at 0x0A is safe in both encodings: no
 * multi-byte UTF-8 sequence and no Windows-1252 character contains that byte.
 */
class DecodeLines extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  constructor() {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const cut = data.lastIndexOf(0x0a) + 1;
    this.pending = data.subarray(cut);
    const complete = data.subarray(0, cut);
    // Fast path: the whole block is valid UTF-8 (the usual case); else line by line.
    let text: string;
    try {
      text = utf8.decode(complete);
    } catch {
      const lines: string[] = [];
      for (let start = 0; start < complete.length;) {
        const end = complete.indexOf(0x0a, start) + 1;
        lines.push(decodeLine(complete.subarray(start, end)));
        start = end;
      }
      text = lines.join('');
    }
    done(null, cut ? text : undefined);
  }
  override _flush(done: TransformCallback): void {
    done(null, this.pending.length ? decodeLine(this.pending) : undefined);
  }
}

/** The delimiter of a header line: the candidate that occurs most often outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const outside = headerLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = outside.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

export interface CsvRow {
  /** 1-based line number of the record in the file, header = row 1 (what a spreadsheet shows). */
  row: number;
  cells: string[];
}

/**
 * Streams a CSV file: BOM stripped, Excel quoting (`"a ""quoted"" word"`, line breaks inside quotes),
 * delimiter detected from the header, ragged rows allowed (validated later), blank lines skipped.
 * Memory stays flat: one record at a time. Throws ListFileError for what makes the file unusable.
 */
export async function* readCsv(
  source: Readable,
  options: { maxRows: number; maxRecordBytes?: number },
): AsyncGenerator<{ headers: string[] } | CsvRow> {
  const peeked = await peekFirstLine(source);
  if (!peeked.firstLine.replace(/^\uFEFF/, '').trim()) throw new ListFileError('EMPTY_LIST', 'The file is empty.');
  const delimiter = detectDelimiter(peeked.firstLine);
  const parser: Parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    // `Ana "Annie" Lee` without surrounding quotes, as hand-edited lists have it.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: options.maxRecordBytes ?? 64 * 1024,
    info: true,
  });
  peeked.rest.pipe(new DecodeLines()).pipe(parser);
  let headers: string[] | undefined;
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.record;
      if (!headers) {
        headers = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
        if (headers.length < 2)
          throw new ListFileError(
            'NO_COLUMNS',
            'Only one column was found: save the list as CSV (comma, semicolon or tab separated) with a header row.',
          );
        yield { headers };
        continue;
      }
      rows += 1;
      if (rows > options.maxRows)
        throw new ListFileError(
          'TOO_MANY_ROWS',
          `The list has more than ${options.maxRows} rows; split it into several.`,
        );
      yield { row: record.info.lines, cells };
    }
  } catch (err) {
    if (err instanceof ListFileError) throw err;
    if (err instanceof CsvError) {
      // csv-parse's message quotes the offending cell (PHI): only its code and line number go out.
      const line = (err as CsvError & { lines?: number }).lines;
      throw new ListFileError(
        'MALFORMED_CSV',
        `The file is not valid CSV (${err.code.toLowerCase().replace(/^csv_/, '').replace(/_/g, ' ')}${line ? ` near line ${line}` : ''}).`,
      );
    }
    throw err;
  } finally {
    peeked.rest.destroy();
  }
  if (!headers) throw new ListFileError('EMPTY_LIST', 'The file is empty.');
  if (rows === 0) throw new ListFileError('NO_DATA_ROWS', 'The file has a header row but no patients.');
}

/** Reads until the first line break (or 64 KiB), and hands back a stream that still starts at byte 0. */
async function peekFirstLine(source: Readable): Promise<{ firstLine: string; rest: Readable }> {
  const rest = new PassThrough();
  const chunks: Buffer[] = [];
  let length = 0;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
    if (chunk.includes(0x0a) || chunk.includes(0x0d) || length >= 64 * 1024) break;
  }
  const head = Buffer.concat(chunks);
  const firstLine = decodeLine(
    head.subarray(0, Math.min(...[head.indexOf(0x0a), head.indexOf(0x0d), head.length].filter((i) => i >= 0))),
  );
  rest.write(head);
  // The remainder flows through untouched, with backpressure.
  void (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (!rest.write(next.value))
          await new Promise<void>((resolve) => {
            const done = () => {
              rest.off('drain', done).off('close', done);
              resolve();
            };
            rest.on('drain', done).on('close', done);
          });
        if (rest.destroyed) break; // the reader stopped early (bad file): release the source
      }
      if (rest.destroyed) {
        await iterator.return?.();
        source.destroy();
        return;
      }
      rest.end();
    } catch (err) {
      rest.destroy(err as Error);
    }
  })();
  return { firstLine, rest };
}
