import type { Readable } from 'node:stream';
import type { leieSystemRepository } from '../../data/leie.system-repository';
import { SourceFileError } from '../sources/source-file-error';
import { listingKey, type LeieRow } from './leie-format';
import { readLeie } from './read-leie';

const STAGE_BATCH = 2_000;
/**
 * A full file with fewer rows than this share of the active set is refused as cut short or wrong: OIG's
 * list moves by hundreds of listings a month, and a full file drops every listing it does not have.
 */
const MIN_FULL_SHARE = 0.9;

export type LeieFileKind = 'full' | 'exclusions' | 'reinstatements';

/**
 * Reads one LEIE file into a staging table and applies it as snapshot `version`, inside the caller's
 * transaction: a full file replaces the active set (new listings added, listings it no longer has
 * removed), an EXCL supplement adds, a REIN supplement removes the listings it names. A file that is
 * not a LEIE file, or is damaged half-way, throws before anything is applied (the transaction rolls back).
 */
export async function applyLeieFile(
  leie: ReturnType<typeof leieSystemRepository>,
  body: Readable,
  input: { kind: LeieFileKind; version: number },
): Promise<{ rows: number; added: number; removed: number }> {
  await leie.createStaging();
  let rows = 0;
  let batch: Array<LeieRow & { listing_key: string }> = [];
  for await (const row of readLeie(body)) {
    rows += 1;
    // A file given as the wrong kind (a full file as reinstatements would reinstate everyone) is refused.
    if (input.kind !== 'full' && (input.kind === 'reinstatements') !== (row.reinstatementDate !== null))
      throw new SourceFileError(
        'MALFORMED_ROW',
        input.kind === 'reinstatements'
          ? `Row ${rows} of a reinstatements file has no REINDATE: this is not a REIN supplement.`
          : `Row ${rows} has a REINDATE: a reinstatement belongs in a REIN supplement, not in this file.`,
      );
    batch.push({ ...row, listing_key: listingKey(row) });
    if (batch.length >= STAGE_BATCH) {
      await leie.stage(batch);
      batch = [];
    }
  }
  await leie.stage(batch);
  if (input.kind === 'full') {
    const active = await leie.activeCount();
    if (rows === 0 || rows < active * MIN_FULL_SHARE)
      throw new SourceFileError(
        'TRUNCATED',
        `The full file lists ${rows} exclusions where ${active} are active: it is incomplete, and was not applied.`,
      );
    const added = await leie.addStaged(input.version);
    const removed = await leie.removeAbsentFromStaged(input.version);
    return { rows, added, removed };
  }
  if (input.kind === 'exclusions') return { rows, added: await leie.addStaged(input.version), removed: 0 };
  return { rows, added: 0, removed: await leie.reinstateStaged(input.version) };
}
