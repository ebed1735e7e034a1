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
  input: { source: string; trigger: SyncTrigger; requestedBy: string | null },
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

/** A new sync of a source, unless one is queued or running (409); the source row is locked meanwhile. */
export async function openSync(
  sources: SourceRepository,
  input: { source: string; trigger: SyncTrigger; requestedBy: string | null },
): Promise<SyncRecord> {
  const source = await sources.lock(input.source);
  if (!source) throw new NotFound('No such compliance source.');
  const live = await sources.liveSync(source.name);
  if (live) throw new Conflict('SYNC_IN_PROGRESS', `A sync of ${source.name} is already ${live.state} (${live.id}).`);
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
      await requestSync(deps, { source, trigger: 'schedule', requestedBy: null });
      queued.push(source);
    } catch (err) {
      if (!(err instanceof Conflict)) throw err; // one is running already
    }
  }
  return queued;
}
