import type { Readable } from 'node:stream';
import type { SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import { metered, SourceFetchError } from '../sources/fetch-source-file';
import { openSync } from '../sources/request-sync';
import { emptyProgress, finishSync } from '../sources/run-sync';
import { SourceFileError } from '../sources/source-file-error';
import type { LeieFileKind } from './apply-leie-file';
import { LEIE_SOURCE } from './leie-format';
import { applyFetched } from './sync-leie';

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
    const opened = await openSync(sources, { source: LEIE_SOURCE, trigger: 'upload', requestedBy: input.actorId });
    return sources.updateSync(opened.id, { state: 'running', startedAt: new Date() });
  });
  const progress = emptyProgress();
  let failure: { code: string; message: string } | null = null;
  try {
    const body = metered(input.body, deps.sources.maxBytes, input.name);
    await applyFetched(deps, sync, { name: `upload/${input.name}`, kind: input.kind }, body, new Date(), progress);
  } catch (err) {
    if (!(err instanceof SourceFileError || err instanceof SourceFetchError)) {
      // The sync must not stay `running` (it would block every later one): it ends, then the error goes on.
      await finishSync(deps, sync.id, LEIE_SOURCE, progress, {
        code: 'INTERNAL_ERROR',
        message: 'The file could not be applied (see the compliance service’s logs); the snapshot stays as it was.',
      });
      throw err;
    }
    failure = { code: err.code, message: err.message };
  }
  return finishSync(deps, sync.id, LEIE_SOURCE, progress, failure);
}
