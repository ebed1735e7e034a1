import type { CoreDeps } from './deps';

/**
 * The ops team's queue across practices: counts by status and the orders that match the filter.
 * Summaries only (no PHI); the route has checked the caller is on the ops team.
 */
export function opsQueue(
  deps: Pick<CoreDeps, 'systemWork'>,
  filter: { status?: string; tenantId?: string; problem?: boolean; limit: number },
) {
  return deps.systemWork(async ({ opsQueue }) => ({
    counts: await opsQueue.counts(),
    problems: await opsQueue.problems(),
    items: await opsQueue.queue(filter),
  }));
}
