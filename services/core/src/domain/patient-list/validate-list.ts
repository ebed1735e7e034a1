import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { jsonRows, type JsonRows, type ListIssue, type PatientRow } from '../../data/patient-rows';
import type { PhiSealer } from '../phi-cipher';
import type { ColumnMapping } from './columns';
import type { ImportCounts } from './import-progress';
import { readCsv } from './read-csv';
import { addressLinesOf, dedupeText, validateRow, type Recipient } from './validate-row';

export type RowCounts = Omit<ImportCounts, 'bytesRead'>;

/**
 * Rows ready to store, the issues found on the way, and the counts so far (of the whole list). Rows
 * and issues travel as JSON text: one string crosses from the worker thread and into the insert
 * without a single object being rebuilt on the service's main thread.
 */
export interface ValidatedBatch {
  patients: JsonRows<PatientRow>;
  issues: JsonRows<ListIssue>;
  counts: RowCounts;
}

export interface ValidateOptions {
  mapping: ColumnMapping;
  /** Header cells, to tell a ragged row from a shifted one. */
  columnCount: number;
  maxRows: number;
  /** Rows (or issues) per batch. */
  batchSize: number;
}

/**
 * A patient list's bytes → encrypted patient rows and their issues, in batches: every row validated
 * (validateRow), duplicates of an earlier row (same name and address, and date of birth when given)
 * refused with that row's line, valid rows sealed. Pure CPU work with no database: it runs in a
 * worker thread (list-validator.worker.ts). Throws ListFileError for a file that is unusable.
 */
export async function* validateList(
  source: Readable,
  sealer: PhiSealer,
  options: ValidateOptions,
): AsyncGenerator<ValidatedBatch> {
  const { mapping } = options;
  const seen = new Map<string, number>();
  const counts: RowCounts = { totalRows: 0, validRows: 0, invalidRows: 0, duplicateRows: 0, warningRows: 0 };
  const duplicateOf = `(name, address${mapping.dateOfBirth !== undefined ? ' and date of birth' : ''}): one letter is sent`;
  let patients: PatientRow[] = [];
  let issues: ListIssue[] = [];
  for await (const item of readCsv(source, { maxRows: options.maxRows })) {
    if ('headers' in item) continue;
    counts.totalRows += 1;
    const line = item.row;
    const result = validateRow(item.cells, mapping, options.columnCount);
    for (const w of result.warnings) issues.push({ line, severity: 'warning', ...w });
    if (!result.ok) {
      counts.invalidRows += 1;
      for (const e of result.errors) issues.push({ line, severity: 'error', ...e });
    } else {
      const dedupeKey = sealer.dedupeKey(dedupeText(result.recipient, result.dateOfBirth));
      const first = seen.get(dedupeKey);
      if (first !== undefined) {
        counts.duplicateRows += 1;
        const reason = `the same patient as line ${first} ${duplicateOf}`;
        issues.push({ line, severity: 'error', field: null, code: 'DUPLICATE', reason });
      } else {
        seen.set(dedupeKey, line);
        counts.validRows += 1;
        if (result.warnings.length) counts.warningRows += 1;
        patients.push(sealPatient(sealer, line, dedupeKey, result.recipient));
      }
    }
    if (patients.length >= options.batchSize || issues.length >= options.batchSize) {
      yield { patients: jsonRows(patients), issues: jsonRows(issues), counts: { ...counts } };
      [patients, issues] = [[], []];
    }
  }
  yield { patients: jsonRows(patients), issues: jsonRows(issues), counts: { ...counts } };
}

function sealPatient(sealer: PhiSealer, row: number, dedupeKey: string, r: Recipient): PatientRow {
  const id = randomUUID();
  const lines = addressLinesOf(r);
  const address = { address1: r.address1, address2: r.address2, city: r.city, state: r.state, zip: r.zip };
  return {
    id,
    rowNumber: row,
    nameCipher: sealer.encrypt(id, 'name', r.name).toString('base64'),
    addressCipher: sealer.encrypt(id, 'address', JSON.stringify(address)).toString('base64'),
    dedupeKey,
    nameLength: r.name.length,
    addressLines: lines.length,
    maxLineLength: Math.max(r.name.length, ...lines.map((l) => l.length)),
  };
}
