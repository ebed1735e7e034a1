/**
 * What an import writes for a patient list, in a module with no dependencies: the list-validating
 * worker thread (list-validator.worker.ts) imports it, and must load nothing it does not use.
 */

/** A row issue as stored: by line (as a spreadsheet numbers it, header = 1) and field. */
export interface ListIssue {
  line: number;
  severity: 'error' | 'warning';
  field: string | null;
  code: string;
  reason: string;
}

declare const rowsOf: unique symbol;
/** Rows as one JSON array, made only by jsonRows: the way an import's worker thread hands them over. */
export type JsonRows<T> = string & { readonly [rowsOf]: T };
export const jsonRows = <T>(rows: T[]): JsonRows<T> => JSON.stringify(rows) as JsonRows<T>;

export interface PatientRow {
  id: string;
  rowNumber: number;
  /** Sealed (PhiSealer), base64: text crosses threads and into JSON far cheaper than bytes. */
  nameCipher: string;
  addressCipher: string;
  dedupeKey: string;
  nameLength: number;
  addressLines: number;
  maxLineLength: number;
}
