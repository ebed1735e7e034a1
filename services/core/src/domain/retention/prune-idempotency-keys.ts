import type { CoreDeps } from '../deps';

/** Idempotency keys are remembered this long (Stripe keeps them 24 hours), then deleted. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;
const BATCH = 5_000;

/** Deletes every idempotency key older than its 24 hours, in short batches; answers how many went. */
export async function pruneIdempotencyKeys(deps: Pick<CoreDeps, 'systemWork'>, now = new Date()): Promise<number> {
  const createdBefore = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  let total = 0;
  for (;;) {
    const deleted = await deps.systemWork(({ retention }) => retention.pruneIdempotencyKeys(createdBefore, BATCH));
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
