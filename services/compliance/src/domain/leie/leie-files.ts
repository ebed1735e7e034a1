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
  const month = new Date(Date.UTC(fullFileDate.getUTCFullYear(), fullFileDate.getUTCMonth(), 1));
  const last = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  // Twelve months at most: a full file older than a year means the source is not being published.
  for (let i = 0; i < 12 && month.getTime() <= last; i++) {
    const yyyy = String(month.getUTCFullYear());
    const yymm = `${yyyy.slice(2)}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
    files.push({ name: `${yyyy}/${yymm}EXCL.csv`, kind: 'exclusions' });
    files.push({ name: `${yyyy}/${yymm}REIN.csv`, kind: 'reinstatements' });
    month.setUTCMonth(month.getUTCMonth() + 1);
  }
  return files;
}
