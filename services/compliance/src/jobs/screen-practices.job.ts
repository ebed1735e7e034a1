import { handle } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import { queuePracticeScreenings, ScreenPractices } from '../domain/screening/screen-practices';

export function screenPracticesHandler(
  deps: Pick<ComplianceDeps, 'systemWork' | 'rosters'>,
  log: { info(o: object, m: string): void },
) {
  return handle(ScreenPractices, async (job) => {
    const queued = await queuePracticeScreenings(deps, job.payload);
    log.info(
      { ...queued, source: job.payload.source ?? 'oig-leie', snapshotVersion: job.payload.snapshotVersion },
      'compliance: practice screenings queued',
    );
  });
}
