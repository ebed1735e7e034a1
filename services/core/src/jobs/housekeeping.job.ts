import { defineJob, handle, type Schedule } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { CoreDeps } from '../domain/deps';
import { pruneIdempotencyKeys } from '../domain/retention/prune-idempotency-keys';

/** Hourly housekeeping: expired idempotency keys (published outbox and old inbox rows are the relay's). */
export const Housekeeping = defineJob('core.housekeeping', Type.Object({}, { additionalProperties: false }), {
  maxAttempts: 3,
});

export const housekeepingSchedule: Schedule = {
  name: 'core.housekeeping',
  cron: '17 * * * *',
  job: Housekeeping,
  payload: {},
};

export function housekeepingHandler(deps: Pick<CoreDeps, 'systemWork'>, log: { info(obj: object, msg: string): void }) {
  return handle(Housekeeping, async () => {
    const idempotencyKeys = await pruneIdempotencyKeys(deps);
    if (idempotencyKeys > 0) log.info({ idempotencyKeys }, 'housekeeping: expired idempotency keys deleted');
  });
}
