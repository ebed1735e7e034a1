import { defineJob, handle, type Schedule } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { CoreDeps } from '../domain/deps';
import { sweepRawLists } from '../domain/retention/sweep-raw-lists';

/** The retention sweep: platform work (no practice), one run per schedule slot across replicas. */
export const RetentionSweep = defineJob('core.retention-sweep', Type.Object({}, { additionalProperties: false }), {
  maxAttempts: 3,
});

export function retentionSchedule(cron: string): Schedule {
  return { name: 'core.retention-sweep', cron, job: RetentionSweep, payload: {} };
}

export function retentionHandler(
  deps: Pick<CoreDeps, 'unitOfWork' | 'systemWork' | 'storage'>,
  settings: { rawListDays: number },
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
) {
  return handle(RetentionSweep, async () => {
    const deleted = await sweepRawLists(deps, { rawListDays: settings.rawListDays, log });
    log.info({ deleted, rawListDays: settings.rawListDays }, 'retention sweep: raw patient-list files deleted');
  });
}
