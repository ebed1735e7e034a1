import { defineJob, handle, type Schedule } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { ProofDeps } from '../domain/deps';
import { sweepProductionFiles } from '../domain/retention/sweep-production-files';

/** The production-file retention sweep: platform work (no practice), one run per schedule slot. */
export const RetentionSweep = defineJob('proof.retention-sweep', Type.Object({}, { additionalProperties: false }), {
  maxAttempts: 3,
});

export function retentionSchedule(cron: string): Schedule {
  return { name: 'proof.retention-sweep', cron, job: RetentionSweep, payload: {} };
}

export function retentionHandler(
  deps: Pick<ProofDeps, 'unitOfWork' | 'systemWork' | 'storage' | 'settings'>,
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
) {
  return handle(RetentionSweep, async () => {
    const deleted = await sweepProductionFiles(deps, { log });
    const days = deps.settings.productionRetentionDays;
    log.info({ deleted, productionRetentionDays: days }, 'retention sweep: production files deleted');
  });
}
