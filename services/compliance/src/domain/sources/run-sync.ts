import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import { FEDERAL_REGISTER_SOURCE } from '../federal-register/practice-bulletins';
import { syncFederalRegister } from '../federal-register/sync-federal-register';
import { LEIE_SOURCE } from '../leie/leie-format';
import { syncLeie, type SyncProgress } from '../leie/sync-leie';
import { syncNppes } from '../nppes/sync-nppes';
import { NPPES_SOURCE } from '../nppes/verify-npis';
import { STATE_LISTS } from '../state-lists/formats';
import { stateListAdapter } from '../state-lists/sync-state-list';
import { SourceFetchError } from './fetch-source-file';
import { SourceFileError } from './source-file-error';

/** One sync of one source; the singleton key (the source) keeps a second one from running beside it. */
export const SyncSource = defineJob(
  'compliance.sync-source',
  Type.Object(
    { source: Type.String({ minLength: 2, maxLength: 40 }), syncId: Type.String({ minLength: 36, maxLength: 36 }) },
    { additionalProperties: false },
  ),
  { maxAttempts: 3 },
);

/** What a source does when it syncs (the next source is a new adapter, not a new design). */
type SourceAdapter = (
  deps: ComplianceDeps,
  sync: Parameters<typeof syncLeie>[1],
  source: Parameters<typeof syncLeie>[2],
  progress: SyncProgress,
) => Promise<void>;
const ADAPTERS: Record<string, SourceAdapter> = {
  [LEIE_SOURCE]: syncLeie,
  [NPPES_SOURCE]: syncNppes,
  [FEDERAL_REGISTER_SOURCE]: syncFederalRegister,
  ...Object.fromEntries(Object.values(STATE_LISTS).map((format) => [format.source, stateListAdapter(format)])),
};

/**
 * Runs a queued sync: `running`, then `succeeded` (something applied), `unchanged` (nothing new) or
 * `failed` with the code and reason of what stopped it — a bad file or an unreachable source fails the
 * sync and keeps the previous snapshot; nothing else is retried for it. The source shows the outcome
 * (last attempt, last success, last error). Unexpected errors are rethrown for the job queue to retry.
 */
export async function runSync(deps: ComplianceDeps, input: { source: string; syncId: string }): Promise<void> {
  const started = await deps.systemWork(async ({ sources }) => {
    const sync = await sources.findSync(input.syncId);
    const source = await sources.find(input.source);
    if (!sync || !source || sync.state === 'succeeded' || sync.state === 'unchanged' || sync.state === 'failed')
      return null;
    const now = new Date();
    await sources.update(source.name, { lastAttemptAt: now });
    return { sync: await sources.updateSync(sync.id, { state: 'running', startedAt: now }), source };
  });
  if (!started) return;
  const adapter = ADAPTERS[input.source];
  const progress = emptyProgress();
  let failure: { code: string; message: string } | null = null;
  try {
    if (!adapter) throw new SourceFetchError('HTTP_ERROR', `No adapter for source ${input.source}.`);
    const url = String(started.source.config.baseUrl ?? '');
    if (!deps.sources.allowedHost(url))
      throw new SourceFetchError(
        'HOST_NOT_ALLOWED',
        `${url || 'The base URL'} is not on a host sources may be read from.`,
      );
    await adapter(deps, started.sync, started.source, progress);
  } catch (err) {
    if (!(err instanceof SourceFetchError || err instanceof SourceFileError)) throw err;
    failure = { code: err.code, message: err.message };
  }
  await finishSync(deps, started.sync.id, input.source, progress, failure);
}

/** A sync that has not read anything yet. */
export const emptyProgress = (): SyncProgress => ({
  files: [],
  rowsRead: 0,
  added: 0,
  removed: 0,
  snapshotVersion: null,
  fetchedAt: null,
});

/** Ends a sync with what it did and the failure that stopped it, if any; the source shows the outcome. */
export async function finishSync(
  deps: Pick<ComplianceDeps, 'systemWork'>,
  syncId: string,
  sourceName: string,
  progress: SyncProgress,
  failure: { code: string; message: string } | null,
): Promise<SyncRecord> {
  return deps.systemWork(async ({ sources, audit }) => {
    const applied = progress.files.some((f) => f.outcome === 'applied');
    const state = failure ? 'failed' : applied ? 'succeeded' : 'unchanged';
    const now = new Date();
    const finished = await sources.updateSync(syncId, {
      state,
      files: progress.files,
      rowsRead: progress.rowsRead,
      added: progress.added,
      removed: progress.removed,
      snapshotVersion: progress.snapshotVersion,
      fetchedAt: progress.fetchedAt,
      errorCode: failure?.code ?? null,
      error: failure?.message.slice(0, 1000) ?? null,
      finishedAt: now,
    });
    await sources.update(
      sourceName,
      failure
        ? { lastErrorCode: failure.code, lastError: failure.message.slice(0, 1000) }
        : { lastSuccessAt: now, lastErrorCode: null, lastError: null },
    );
    await audit.record({
      tenantId: null,
      action: 'compliance-source.sync',
      resource: { type: 'compliance-sync', id: syncId },
      outcome: failure ? 'failure' : 'success',
      reason: failure?.code ?? null,
      changes: [{ field: 'state', from: 'running', to: state }],
    });
    return finished;
  });
}
