import { handle } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import { screenAllPractices, ScreenPractices } from '../domain/screening/screen-practices';

export function screenPracticesHandler(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'rosters'>,
  log: { info(o: object, m: string): void },
) {
  return handle(
    ScreenPractices,
    async (job) => {
      const sourceFetchedAt = job.payload.sourceFetchedAt ? new Date(job.payload.sourceFetchedAt) : null;
      const done = await screenAllPractices(deps, { sourceFetchedAt });
      log.info({ ...done, snapshotVersion: job.payload.snapshotVersion }, 'compliance: rosters screened');
    },
    { concurrency: 1, leaseSec: 600 },
  );
}
