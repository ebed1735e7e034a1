import { defineJob, handle, type Schedule } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { ComplianceDeps } from '../domain/deps';
import { syncDueSources } from '../domain/sources/request-sync';

/** Looks for sources whose interval has run out; runs once per slot however many replicas run. */
export const SourceTick = defineJob('compliance.source-tick', Type.Object({}, { additionalProperties: false }), {
  maxAttempts: 1,
});

export const sourceTickSchedule = (cron: string): Schedule => ({
  name: 'compliance.source-tick',
  cron,
  job: SourceTick,
  payload: {},
});

export function sourceTickHandler(deps: Pick<ComplianceDeps, 'systemWork'>, log: { info(o: object, m: string): void }) {
  return handle(SourceTick, async () => {
    const queued = await syncDueSources(deps);
    if (queued.length) log.info({ sources: queued }, 'compliance: syncs queued for due sources');
  });
}
