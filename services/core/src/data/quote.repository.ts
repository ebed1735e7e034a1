import { afterTimeKey, byTime } from '@plh/service-kit';
import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';
import type { PriceOptions, QuoteLine } from '../domain/pricing';

export type QuoteStatus = 'issued' | 'accepted' | 'expired';

export interface QuoteRecord {
  id: string;
  projectId: string;
  listId: string;
  status: QuoteStatus;
  options: PriceOptions;
  lines: QuoteLine[];
  recipients: number;
  subtotalCents: number;
  postageCents: number;
  totalCents: number;
  currency: string;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
}

type Row = Prisma.QuoteGetPayload<object>;
const toRecord = (r: Row): QuoteRecord => ({
  ...r,
  status: r.status as QuoteStatus,
  options: r.options as unknown as PriceOptions,
  lines: r.lines as unknown as QuoteLine[],
});

/** Quotes: written once (frozen), later only their status moves. */
export function quoteRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async create(q: Omit<QuoteRecord, 'createdAt' | 'currency'>): Promise<QuoteRecord> {
      return toRecord(
        await tx.quote.create({
          data: {
            ...q,
            options: q.options as unknown as Prisma.InputJsonValue,
            lines: q.lines as unknown as Prisma.InputJsonValue,
            ...scope,
          },
        }),
      );
    },
    async findById(id: string): Promise<QuoteRecord | null> {
      const row = await tx.quote.findFirst({ where: { ...scope, id } });
      return row ? toRecord(row) : null;
    },
    /** Moves an issued quote to accepted; false when it was not issued (any more). */
    async accept(id: string): Promise<boolean> {
      const { count } = await tx.quote.updateMany({
        where: { ...scope, id, status: 'issued' },
        data: { status: 'accepted' },
      });
      return count === 1;
    },
    /** Issued quotes of a list stop being offers (the list they price is gone). */
    expireForList: (listId: string) =>
      tx.quote.updateMany({ where: { ...scope, listId, status: 'issued' }, data: { status: 'expired' } }),
    /** Newest first after a keyset position (created at, id), by project, list or status. */
    list: async (
      filter: { projectId?: string; listId?: string; status?: QuoteStatus; after?: { createdAt: Date; id: string } },
      take: number,
    ) =>
      (
        await tx.quote.findMany({
          where: {
            ...scope,
            ...(filter.projectId ? { projectId: filter.projectId } : {}),
            ...(filter.listId ? { listId: filter.listId } : {}),
            ...(filter.status ? { status: filter.status } : {}),
            ...afterTimeKey(filter.after),
          },
          orderBy: byTime(),
          take,
        })
      ).map(toRecord),
  };
}
export type QuoteRepository = ReturnType<typeof quoteRepository>;
