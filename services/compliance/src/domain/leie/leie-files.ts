import type { LeieFileKind } from './apply-leie-file';

export interface LeieFileRef {
  /** The path below the source's base URL, also the file's name in the sync's record. */
  name: string;
  kind: LeieFileKind;
}

/** OIG's full file: everyone excluded today. */
export const FULL_FILE: LeieFileRef = { name: 'UPDATED.csv', kind: 'full' };

/**
 * The monthly supplements OIG publishes after a full file, `<YYYY>/<YYMM>EXCL.csv` then
 * `<YYYY>/<YYMM>REIN.csv` for each month from the full file's month to `now`'s, oldest first.
 * A month not published yet answers 404 and is skipped.
 */
export function supplementsSince(fullFileDate: Date, now: Date): LeieFileRef[] {
  const files: LeieFileRef[] = [];
  const last = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  // The latest twelve months at most: a full file older than a year means OIG stopped publishing it.
  const yearAgo = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1);
  const month = new Date(Math.max(Date.UTC(fullFileDate.getUTCFullYear(), fullFileDate.getUTCMonth(), 1), yearAgo));
  while (month.getTime() <= last) {
    const yyyy = String(month.getUTCFullYear());
    const yymm = `${yyyy.slice(2)}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
    files.push({ name: `${yyyy}/${yymm}EXCL.csv`, kind: 'exclusions' });
    files.push({ name: `${yyyy}/${yymm}REIN.csv`, kind: 'reinstatements' });
    month.setUTCMonth(month.getUTCMonth() + 1);
  }
  return files;
}
