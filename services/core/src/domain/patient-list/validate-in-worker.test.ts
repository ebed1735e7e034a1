import { Readable } from 'node:stream';
import { newDataKey, PhiSealer } from '../phi-cipher';
import type { ListIssue, PatientRow } from '../../data/patient-rows';
import { detectMapping } from './columns';
import { ListFileError } from './read-csv';
import { validateInWorker, workerHeapMb } from './validate-in-worker';
import type { ValidatedBatch } from './validate-list';

const HEADER = 'First Name,Last Name,Address,City,State,ZIP\n';
const row = (i: number) => `Ana${i},Lee,${i} Main St,Boston,MA,02134\n`;

/** The list in small chunks, as storage streams it. */
function chunked(text: string, size = 4096): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function runInWorker(text: string, batchSize = 100) {
  const sealer = new PhiSealer(newDataKey());
  let bytes = 0;
  const batches: ValidatedBatch[] = [];
  const options = { mapping: detectMapping(HEADER.trim().split(',')), columnCount: 6, maxRows: 10_000, batchSize };
  for await (const batch of validateInWorker(chunked(text), sealer, options, (n) => (bytes += n))) batches.push(batch);
  return { sealer, bytes, batches };
}

describe('validating a list in a worker thread', () => {
  it('sees every byte and row, in batches, sealed with the caller’s key', async () => {
    const body = Array.from({ length: 1_050 }, (_, i) => row(i + 1)).join('');
    const text = `${HEADER}${body}Bo,,1 Elm St,Boston,MA,02134\n${row(7)}`;
    const { sealer, bytes, batches } = await runInWorker(text);
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(batches.at(-1)!.counts).toEqual({
      totalRows: 1_052,
      validRows: 1_050,
      invalidRows: 1,
      duplicateRows: 1,
      warningRows: 0,
    });
    const patients = batches.flatMap((b) => JSON.parse(b.patients) as PatientRow[]);
    const issues = batches.flatMap((b) => JSON.parse(b.issues) as ListIssue[]);
    expect(patients).toHaveLength(1_050);
    expect(patients.map((p) => p.rowNumber)).toEqual(Array.from({ length: 1_050 }, (_, i) => i + 2));
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [1_052, 'MISSING_NAME'],
      [1_053, 'DUPLICATE'],
    ]);
    const first = patients[0]!;
    expect(sealer.decrypt(first.id, 'name', Buffer.from(first.nameCipher, 'base64'))).toBe('Ana1 Lee');
    // No batch is bigger than asked: the worker's memory does not grow with the list.
    for (const b of batches) expect((JSON.parse(b.patients) as unknown[]).length).toBeLessThanOrEqual(100);
  });

  it('rethrows an unusable file as the ListFileError the worker found', async () => {
    const text = `${HEADER}${row(1)}"unterminated,Lee,1 Main St,Boston,MA,02134\n${row(2)}`;
    await expect(runInWorker(text)).rejects.toEqual(expect.objectContaining({ code: 'MALFORMED_CSV' }));
    await expect(runInWorker('')).rejects.toBeInstanceOf(ListFileError);
  });
});

describe('the worker thread’s limits', () => {
  it('gives the worker room for the duplicate check of the largest list allowed', () => {
    expect(workerHeapMb(250_000)).toBeGreaterThanOrEqual(64 + 40);
    expect(workerHeapMb(1_000)).toBe(65);
  });

  it('ends the worker and releases the list when the caller stops early', async () => {
    const source = chunked(`${HEADER}${Array.from({ length: 5_000 }, (_, i) => row(i + 1)).join('')}`, 1024);
    const options = {
      mapping: detectMapping(HEADER.trim().split(',')),
      columnCount: 6,
      maxRows: 10_000,
      batchSize: 100,
    };
    for await (const batch of validateInWorker(source, new PhiSealer(newDataKey()), options, () => undefined)) {
      expect(batch.counts.totalRows).toBe(100);
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});
