import { decodeTimeCursor, pageByTime } from '@plh/service-kit';
import type { ComplianceEventRecord, EventFilter } from '../../data/event.repository';
import type { ComplianceDeps } from '../deps';

/** The practice's compliance events, newest first, a page at a time, with the seed's filters. */
export function listEvents(
  deps: Pick<ComplianceDeps, 'unitOfWork'>,
  tenantId: string,
  query: Omit<EventFilter, 'after' | 'from' | 'to'> & { from?: string; to?: string; cursor?: string; limit: number },
): Promise<{ items: ComplianceEventRecord[]; next: string | null }> {
  return deps.unitOfWork(tenantId, async (uow) => {
    const rows = await uow.events.list(
      {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        after: query.cursor ? decodeTimeCursor('compliance-event', query.cursor) : undefined,
      },
      query.limit + 1,
    );
    return pageByTime('compliance-event', rows, query.limit);
  });
}
