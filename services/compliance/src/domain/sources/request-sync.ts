import { randomUUID } from 'node:crypto';
import { Conflict, NotFound } from '@plh/service-kit';
import type { SourceRepository, SyncRecord, SyncTrigger } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import { SyncSource } from './run-sync';

/**
 * Queues a sync of a source (ops' "run now", or the scheduler's tick). One sync per source at a time:
 * while one is queued or running, ops get 409 with its id and the scheduler does nothing.
 */
export async function requestSync(
  deps: Pick<ComplianceDeps, 'systemWork'>,
  input: { source: string; trigger: SyncTrigger; requestedBy: string | null; dueAt?: Date },
): Promise<SyncRecord> {
  return deps.systemWork(async ({ sources, queue, audit }) => {
    const sync = await openSync(sources, input);
    await queue.enqueue(SyncSource, { source: sync.source, syncId: sync.id }, { singletonKey: sync.source });
    await audit.record({
      tenantId: null,
      action: 'compliance-source.request-sync',
      resource: { type: 'compliance-sync', id: sync.id },
      changes: [{ field: 'trigger', to: input.trigger }],
    });
    return sync;
  });
}

/**
 * A new sync of a source, unless one is queued or running (409), or for the scheduler one ran since
 * the interval ran out (409); the source row is locked meanwhile.
 */
export async function openSync(
  sources: SourceRepository,
  /** `dueAt`: the scheduler's, only if the source is still due at that time. */
  input: { source: string; trigger: SyncTrigger; requestedBy: string | null; dueAt?: Date },
): Promise<SyncRecord> {
  const source = await sources.lock(input.source);
  if (!source) throw new NotFound('No such compliance source.');
  const live = await sources.liveSync(source.name);
  if (live) throw new Conflict('SYNC_IN_PROGRESS', `A sync of ${source.name} is already ${live.state} (${live.id}).`);
  // The scheduler read what was due before this lock: another replica's sync may have run since
  // (started and finished: not live, but its attempt is recorded). Asked again under the lock.
  if (input.dueAt && (await sources.due(input.dueAt, source.name)).length === 0)
    throw new Conflict('SYNC_NOT_DUE', `${source.name} was synced since its interval ran out.`);
  return sources.createSync({
    id: randomUUID(),
    source: source.name,
    trigger: input.trigger,
    requestedBy: input.requestedBy,
  });
}

/** The scheduler's tick: a sync for each active source whose interval has run out (none twice). */
export async function syncDueSources(deps: Pick<ComplianceDeps, 'systemWork'>, now = new Date()): Promise<string[]> {
  const due = await deps.systemWork(({ sources }) => sources.due(now));
  const queued: string[] = [];
  for (const source of due) {
    try {
      await requestSync(deps, { source, trigger: 'schedule', requestedBy: null, dueAt: now });
      queued.push(source);
    } catch (err) {
      if (!(err instanceof Conflict)) throw err; // one is running already
    }
  }
  return queued;
}
