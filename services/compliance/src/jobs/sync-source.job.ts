import { handle } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import { emptyProgress, finishSync, runSync, SyncSource } from '../domain/sources/run-sync';

export function syncSourceHandler(deps: ComplianceDeps) {
  // One file of 80,000 rows at a time per process; the lease outlives a slow download's timeout.
  return handle(SyncSource, (job) => runSync(deps, job.payload), {
    concurrency: 1,
    leaseSec: 900,
    // After the last attempt the sync ends `failed`, visible to ops, and the next one can start.
    giveUp: async (job) => {
      await finishSync(deps, job.payload.syncId, job.payload.source, emptyProgress(), {
        code: 'GAVE_UP',
        message:
          'The sync failed after several attempts (see the compliance service’s logs); the snapshot stays as it was.',
      });
    },
  });
}
