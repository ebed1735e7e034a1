import { handle } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import { runSync, SyncSource } from '../domain/sources/run-sync';

export function syncSourceHandler(deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>) {
  // One file of 80,000 rows at a time per process; the lease outlives a slow download's timeout.
  return handle(SyncSource, (job) => runSync(deps, job.payload), { concurrency: 1, leaseSec: 900 });
}
