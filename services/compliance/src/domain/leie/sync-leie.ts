import type { Readable } from 'node:stream';
import { ComplianceSourceSynced, createEvent } from '@plh/contracts';
import type { SourceRecord, SyncFile, SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import { ScreenPractices } from '../screening/screen-practices';
import { fetchSourceFile, SourceFetchError, type MeteredBody } from '../sources/fetch-source-file';
import { SourceFileError } from '../sources/source-file-error';
import { applyLeieFile } from './apply-leie-file';
import { FULL_FILE, supplementsSince, type LeieFileRef } from './leie-files';
import { LEIE_SOURCE } from './leie-format';

/** A full file of 80,000 rows is staged and applied in one transaction. */
const APPLY_TIMEOUT_MS = 10 * 60_000;

/** Thrown inside the apply transaction to roll it back when the file was applied before. */
class AlreadyApplied extends Error {}

export interface SyncProgress {
  files: SyncFile[];
  rowsRead: number;
  added: number;
  removed: number;
  snapshotVersion: number | null;
  fetchedAt: Date | null;
}

/**
 * One LEIE sync: the full file (conditional GET: an unchanged file is not imported again), then the
 * monthly supplements published since it. Each applied file is its own snapshot version and
 * transaction; screening is queued with it. A file that cannot be read or used applies nothing and
 * fails the sync with its code — after the other files were tried: a damaged full file must not hold
 * back the new exclusions of this month's supplement.
 */
export async function syncLeie(
  deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>,
  sync: SyncRecord,
  source: SourceRecord,
  progress: SyncProgress,
  now: Date = new Date(),
): Promise<void> {
  const base = baseUrlOf(source);
  let firstFailure: SourceFetchError | SourceFileError | null = null;
  const attempt = async (file: LeieFileRef, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof SourceFetchError || err instanceof SourceFileError)) throw err;
      progress.files.push({ ...file, outcome: 'failed', sha256: null, bytes: 0, rows: 0 });
      firstFailure ??= err;
    }
  };
  let fullFileDate = httpDate(source.lastModified) ?? now;
  await attempt(FULL_FILE, async () => {
    const full = await fetchSourceFile(new URL(FULL_FILE.name, base).href, {
      validators: { etag: source.etag, lastModified: source.lastModified },
      ...deps.sources,
    });
    if (full.status === 'not_found')
      throw new SourceFetchError(
        'HTTP_ERROR',
        `${FULL_FILE.name} answered 404: the source moved or the base URL is wrong.`,
      );
    if (full.status === 'not_modified') {
      progress.files.push({ ...FULL_FILE, outcome: 'unchanged', sha256: null, bytes: 0, rows: 0 });
      return;
    }
    await applyFetched(deps, sync, FULL_FILE, full.body, full.fetchedAt, progress, full.validators);
    fullFileDate = httpDate(full.validators.lastModified) ?? full.fetchedAt;
  });
  for (const file of supplementsSince(fullFileDate, now))
    await attempt(file, async () => {
      // A supplement applied before is asked for with its validators: unchanged, it costs a 304.
      const validators = await deps.systemWork(({ leie }) => leie.validatorsOf(file.name));
      const fetched = await fetchSourceFile(new URL(file.name, base).href, { ...deps.sources, validators });
      if (fetched.status === 'not_modified') {
        progress.files.push({ ...file, outcome: 'unchanged', sha256: null, bytes: 0, rows: 0 });
        return;
      }
      if (fetched.status !== 'ok') {
        progress.files.push({ ...file, outcome: 'not_published', sha256: null, bytes: 0, rows: 0 });
        return;
      }
      await applyFetched(deps, sync, file, fetched.body, fetched.fetchedAt, progress, fetched.validators);
    });
  if (firstFailure) throw firstFailure;
}

/** Applies one fetched (or uploaded) LEIE file as a new snapshot, unless this very content was applied. */
export async function applyFetched(
  deps: Pick<ComplianceDeps, 'systemWork'>,
  sync: SyncRecord,
  file: LeieFileRef,
  body: MeteredBody,
  fetchedAt: Date,
  progress: SyncProgress,
  validators?: { etag: string | null; lastModified: string | null },
): Promise<void> {
  try {
    await deps.systemWork(
      async ({ sources, leie, outbox, queue, audit }) => {
        // Applies of one source one after the other; the source row itself stays free for ops meanwhile.
        await sources.lockApply(LEIE_SOURCE);
        const source = (await sources.find(LEIE_SOURCE))!;
        const version = source.snapshotVersion + 1;
        const result = await applyLeieFile(leie, body as Readable, { kind: file.kind, version });
        if (await leie.fileApplied(body.sha256, file.kind)) throw new AlreadyApplied();
        await leie.recordFile({
          ...file,
          sha256: body.sha256,
          bytes: body.bytes,
          rows: result.rows,
          version,
          syncId: sync.id,
          etag: validators?.etag ?? null,
          lastModified: validators?.lastModified ?? null,
        });
        await sources.update(LEIE_SOURCE, {
          snapshotVersion: version,
          activeRows: await leie.activeCount(),
          // The source's validators are the full file's (the supplements keep theirs per file).
          ...(validators && file.kind === 'full'
            ? { etag: validators.etag, lastModified: validators.lastModified }
            : {}),
        });
        await outbox.enqueue(
          createEvent(ComplianceSourceSynced, {
            source: 'compliance',
            tenantId: null,
            data: {
              source: LEIE_SOURCE,
              syncId: sync.id,
              snapshotVersion: version,
              added: result.added,
              removed: result.removed,
            },
          }),
        );
        // Every practice is screened against the new snapshot; the SLA clock started at the fetch.
        await queue.enqueue(ScreenPractices, {
          snapshotVersion: version,
          sourceFetchedAt: fetchedAt.toISOString(),
          syncId: sync.id,
        });
        await audit.record({
          tenantId: null,
          action: 'compliance-source.apply',
          resource: { type: 'compliance-source', id: LEIE_SOURCE },
          changes: [
            { field: 'snapshotVersion', from: source.snapshotVersion, to: version },
            { field: 'file', to: file.name },
          ],
        });
        progress.files.push({ ...file, outcome: 'applied', sha256: body.sha256, bytes: body.bytes, rows: result.rows });
        progress.rowsRead += result.rows;
        progress.added += result.added;
        progress.removed += result.removed;
        progress.snapshotVersion = version;
        progress.fetchedAt ??= fetchedAt;
      },
      { timeoutMs: APPLY_TIMEOUT_MS },
    );
  } catch (err) {
    if (!(err instanceof AlreadyApplied)) throw err;
    progress.files.push({ ...file, outcome: 'already_applied', sha256: body.sha256, bytes: body.bytes, rows: 0 });
  }
}

/** The source's base URL, ending in a slash so file names resolve below it. */
function baseUrlOf(source: SourceRecord): string {
  const base = String(source.config.baseUrl ?? '');
  return base.endsWith('/') ? base : `${base}/`;
}

function httpDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
