import { randomUUID } from 'node:crypto';
import { Conflict } from '@plh/service-kit';
import type { Readable } from 'node:stream';
import type { SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import { metered, SourceFetchError } from '../sources/fetch-source-file';
import { emptyProgress, finishSync } from '../sources/run-sync';
import type { LeieFileKind } from './apply-leie-file';
import { LeieFileError } from './leie-format';
import { applyFetched, LEIE_SOURCE } from './sync-leie';

/**
 * A LEIE file uploaded by hand (an air-gapped site, a backfill): the same parser and snapshot rules
 * as a fetched file, recorded as a sync with trigger `upload`. Answers the finished sync; a bad file
 * is a `failed` sync with its reason, and the snapshot stays as it was.
 */
export async function uploadLeieFile(
  deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>,
  input: { body: Readable; name: string; kind: LeieFileKind; actorId: string },
): Promise<SyncRecord> {
  const sync = await deps.systemWork(async ({ sources }) => {
    await sources.lock(LEIE_SOURCE);
    const live = await sources.liveSync(LEIE_SOURCE);
    if (live) throw new Conflict('SYNC_IN_PROGRESS', `A sync of ${LEIE_SOURCE} is already ${live.state} (${live.id}).`);
    const created = await sources.createSync({
      id: randomUUID(),
      source: LEIE_SOURCE,
      trigger: 'upload',
      requestedBy: input.actorId,
    });
    return sources.updateSync(created.id, { state: 'running', startedAt: new Date() });
  });
  const progress = emptyProgress();
  let failure: { code: string; message: string } | null = null;
  try {
    const body = metered(input.body, deps.sources.maxBytes, input.name);
    await applyFetched(deps, sync, { name: `upload/${input.name}`, kind: input.kind }, body, new Date(), progress);
  } catch (err) {
    if (!(err instanceof LeieFileError || err instanceof SourceFetchError)) throw err;
    failure = { code: err.code, message: err.message };
  }
  return finishSync(deps, sync.id, LEIE_SOURCE, progress, failure);
}
