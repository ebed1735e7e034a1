import { decodeTimeCursor, pageByTime } from '@plh/service-kit';
import type { QuoteRecord, QuoteStatus } from '../data/quote.repository';
import type { CoreDeps } from './deps';

/** The practice's quotes, newest first, a page at a time, by project, list or status. */
export function listQuotes(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  query: { projectId?: string; listId?: string; status?: QuoteStatus; cursor?: string; limit: number },
): Promise<{ items: QuoteRecord[]; next: string | null }> {
  return deps.unitOfWork(tenantId, async (uow) => {
    const after = query.cursor ? decodeTimeCursor('quote', query.cursor) : undefined;
    const rows = await uow.quotes.list(
      { projectId: query.projectId, listId: query.listId, status: query.status, after },
      query.limit + 1,
    );
    return pageByTime('quote', rows, query.limit);
  });
}
