import { ComplianceSourceSynced, createEvent } from '@plh/contracts';
import type { Readable } from 'node:stream';
import type { SourceRecord, SyncRecord } from '../../data/source.system-repository';
import type { SystemUnitOfWork } from '../../data/unit-of-work';
import type { ComplianceDeps } from '../deps';
import type { SyncProgress } from '../leie/sync-leie';
import { ScreenPractices } from '../screening/screen-practices';
import { fetchSourceFile, SourceFetchError } from '../sources/fetch-source-file';
import { SourceFileError } from '../sources/source-file-error';
import { readStateList } from './read-state-list';
import { stateListingKey, type StateListFormat, type StateListing } from './state-list-format';

const STAGE_BATCH = 2_000;
/** A list shorter than this share of the active set is refused as cut short (states add, rarely purge). */
const MIN_SHARE = 0.9;
const APPLY_TIMEOUT_MS = 5 * 60_000;

/**
 * One sync of a state list: its file fetched (conditional GET), read in its format, and applied as the
 * source's new active set in one transaction — a new snapshot version when listings entered or left
 * it, with every practice screened again (those whose NPIs or licences changed first). A file that
 * cannot be read or is much shorter than the active set applies nothing and fails the sync.
 */
export function stateListAdapter(format: StateListFormat) {
  return async (
    deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>,
    sync: SyncRecord,
    source: SourceRecord,
    progress: SyncProgress,
  ): Promise<void> => {
    const base = String(source.config.baseUrl ?? '');
    const url = new URL(format.file, base.endsWith('/') ? base : `${base}/`).href;
    const fetched = await fetchSourceFile(url, {
      validators: { etag: source.etag, lastModified: source.lastModified },
      ...deps.sources,
    });
    const file = { name: format.file, kind: 'state-list' as const };
    if (fetched.status === 'not_found')
      throw new SourceFetchError('HTTP_ERROR', `${url} answered 404: the list moved or the base URL is wrong.`);
    if (fetched.status === 'not_modified') {
      progress.files.push({ ...file, outcome: 'unchanged', sha256: null, bytes: 0, rows: 0 });
      // The file did not change, but time did: a preclusion whose end date has passed is over.
      await expireEnded(deps, format, sync, progress, new Date());
      return;
    }
    const today = fetched.fetchedAt.toISOString().slice(0, 10);
    await deps.systemWork(
      async (work) => {
        const { sources, stateLists } = work;
        await sources.lockApply(format.source);
        const current = (await sources.find(format.source))!;
        await stateLists.createStaging();
        const counts = { rows: 0 };
        let inForce = 0;
        let batch: Array<StateListing & { listing_key: string }> = [];
        for await (const listing of readStateList(format, fetched.body as Readable, today, counts)) {
          inForce++;
          batch.push({ ...listing, listing_key: stateListingKey(format.source, listing) });
          if (batch.length >= STAGE_BATCH) {
            await stateLists.stage(batch);
            batch = [];
          }
        }
        await stateLists.stage(batch);
        const active = await stateLists.activeCount(format.source);
        if (inForce === 0 || inForce < active * MIN_SHARE)
          throw new SourceFileError(
            'TRUNCATED',
            `${format.label} lists ${inForce} exclusions in force where ${active} are active: it is incomplete, and was not applied.`,
          );
        const version = current.snapshotVersion + 1;
        const added = await stateLists.addStaged(format.source, format.state, version);
        const removed = await stateLists.removeAbsentFromStaged(format.source, version);
        const changed = added + removed > 0;
        await sources.update(format.source, {
          ...(changed ? { snapshotVersion: version } : {}),
          activeRows: await stateLists.activeCount(format.source),
          etag: fetched.validators.etag,
          lastModified: fetched.validators.lastModified,
        });
        progress.files.push({
          ...file,
          outcome: changed ? 'applied' : 'unchanged',
          sha256: fetched.body.sha256,
          bytes: fetched.body.bytes,
          rows: counts.rows,
        });
        progress.rowsRead = counts.rows;
        progress.added = added;
        progress.removed = removed;
        progress.fetchedAt = fetched.fetchedAt;
        if (!changed) return;
        progress.snapshotVersion = version;
        await announceSnapshot(work, format, sync, {
          from: current.snapshotVersion,
          to: version,
          added,
          removed,
          fetchedAt: fetched.fetchedAt,
          what: { field: 'file', to: format.file },
        });
      },
      { timeoutMs: APPLY_TIMEOUT_MS },
    );
  };
}

/** Listings whose end date passed leave the active set as a new version, and every practice is screened. */
async function expireEnded(
  deps: Pick<ComplianceDeps, 'systemWork'>,
  format: StateListFormat,
  sync: SyncRecord,
  progress: SyncProgress,
  now: Date,
): Promise<void> {
  await deps.systemWork(async (work) => {
    const { sources, stateLists } = work;
    await sources.lockApply(format.source);
    const current = (await sources.find(format.source))!;
    const version = current.snapshotVersion + 1;
    const removed = await stateLists.expireEnded(format.source, now.toISOString().slice(0, 10), version);
    if (removed === 0) return;
    await sources.update(format.source, {
      snapshotVersion: version,
      activeRows: await stateLists.activeCount(format.source),
    });
    await announceSnapshot(work, format, sync, {
      from: current.snapshotVersion,
      to: version,
      added: 0,
      removed,
      fetchedAt: now,
      what: { field: 'ended', to: removed },
    });
    progress.removed = removed;
    progress.snapshotVersion = version;
    progress.files.push({
      name: 'listings past their end date',
      kind: 'state-list',
      outcome: 'applied',
      sha256: null,
      bytes: 0,
      rows: removed,
    });
  });
}

/**
 * A new snapshot of a state list, announced: `plh.compliance.source.synced`, every practice screened
 * against it (the SLA clock from `fetchedAt`), and its audit record naming what made it.
 */
async function announceSnapshot(
  work: Pick<SystemUnitOfWork, 'outbox' | 'queue' | 'audit'>,
  format: StateListFormat,
  sync: SyncRecord,
  s: {
    from: number;
    to: number;
    added: number;
    removed: number;
    fetchedAt: Date;
    what: { field: string; to: string | number };
  },
): Promise<void> {
  await work.outbox.enqueue(
    createEvent(ComplianceSourceSynced, {
      source: 'compliance',
      tenantId: null,
      data: { source: format.source, syncId: sync.id, snapshotVersion: s.to, added: s.added, removed: s.removed },
    }),
  );
  await work.queue.enqueue(ScreenPractices, {
    source: format.source,
    snapshotVersion: s.to,
    sourceFetchedAt: s.fetchedAt.toISOString(),
    syncId: sync.id,
  });
  await work.audit.record({
    tenantId: null,
    action: 'compliance-source.apply',
    resource: { type: 'compliance-source', id: format.source },
    changes: [{ field: 'snapshotVersion', from: s.from, to: s.to }, s.what],
  });
}
