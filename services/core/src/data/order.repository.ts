import { afterTimeKey, byTime } from '@plh/service-kit';
import type { Prisma } from '../../generated/prisma';
import type { OrderStatus } from '../domain/order-state-machine';
import type { Tx } from './db';

export interface OrderRecord {
  id: string;
  tenantId: string;
  number: number;
  projectId: string;
  quoteId: string;
  status: OrderStatus;
  version: number;
  cancelWindowEndsAt: Date;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** A failed proof or production job, open until a proof arrives or the order moves on. */
  problemCode: string | null;
  problemRow: number | null;
  problemJobId: string | null;
  problemAt: Date | null;
}

export interface TimelineEntry {
  id: string;
  kind: 'status' | 'problem';
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorKind: string;
  actorId: string;
  reason: string | null;
  code: string | null;
  failedRow: number | null;
  jobId: string | null;
  createdAt: Date;
}

type Row = Prisma.OrderGetPayload<object>;
const toRecord = (r: Row): OrderRecord => ({ ...r, status: r.status as OrderStatus });

/** Orders of one tenant, their timeline, and per-tenant numbering. */
export function orderRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async create(
      o: Omit<
        OrderRecord,
        'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'problemCode' | 'problemRow' | 'problemJobId' | 'problemAt'
      >,
    ): Promise<OrderRecord> {
      // Millisecond precision (not now()'s microseconds): the list cursor carries this time.
      return toRecord(await tx.order.create({ data: { ...o, ...scope, createdAt: new Date() } }));
    },
    async findById(id: string): Promise<OrderRecord | null> {
      const row = await tx.order.findFirst({ where: { ...scope, id } });
      return row ? toRecord(row) : null;
    },
    /** Locks the row for a status change (concurrent transitions queue instead of racing). */
    async lock(id: string): Promise<OrderRecord | null> {
      const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        'SELECT id::text FROM orders WHERE tenant_id = $1::uuid AND id = $2::uuid FOR UPDATE',
        tenantId,
        id,
      );
      return rows.length ? this.findById(id) : null;
    },
    /** Sets the status and bumps the version (the ETag). */
    async setStatus(id: string, status: OrderStatus): Promise<OrderRecord> {
      return toRecord(
        await tx.order.update({
          where: { id, tenantId },
          data: { status, version: { increment: 1 }, updatedAt: new Date() },
        }),
      );
    },
    /** Newest first after a keyset position (created at, id). */
    list: async (
      filter: { status?: OrderStatus; projectId?: string; after?: { createdAt: Date; id: string } },
      limit: number,
    ) =>
      (
        await tx.order.findMany({
          where: {
            ...scope,
            ...(filter.status ? { status: filter.status } : {}),
            ...(filter.projectId ? { projectId: filter.projectId } : {}),
            ...afterTimeKey(filter.after),
          },
          orderBy: byTime(),
          take: limit,
        })
      ).map(toRecord),
    /** The orders placed from quotes of a list (what still needs its patients). */
    ofList: async (listId: string): Promise<OrderRecord[]> =>
      (await tx.order.findMany({ where: { ...scope, quote: { listId } }, orderBy: { createdAt: 'asc' } })).map(
        toRecord,
      ),
    countByStatus: async () =>
      (await tx.order.groupBy({ by: ['status'], where: scope, _count: { _all: true } })).map((g) => ({
        status: g.status as OrderStatus,
        count: g._count._all,
      })),
    appendTimeline: (
      e: Omit<TimelineEntry, 'createdAt' | 'kind' | 'code' | 'failedRow' | 'jobId'> &
        Partial<Pick<TimelineEntry, 'kind' | 'code' | 'failedRow' | 'jobId'>> & { orderId: string },
    ) => tx.orderEvent.create({ data: { ...e, ...scope } }),
    /** Opens (or, with null, closes) the order's problem; the status and version do not change. */
    setProblem: (id: string, problem: { code: string; row: number | null; jobId: string } | null) =>
      tx.order.updateMany({
        where: { ...scope, id },
        data: problem
          ? { problemCode: problem.code, problemRow: problem.row, problemJobId: problem.jobId, problemAt: new Date() }
          : { problemCode: null, problemRow: null, problemJobId: null, problemAt: null },
      }),
    /** The order's timeline, oldest first; a page of it after a keyset position, of one kind. */
    timeline: async (
      orderId: string,
      query: { kind?: TimelineEntry['kind']; after?: { createdAt: Date; id: string }; take?: number } = {},
    ): Promise<TimelineEntry[]> =>
      (
        await tx.orderEvent.findMany({
          where: {
            ...scope,
            orderId,
            ...(query.kind ? { kind: query.kind } : {}),
            ...afterTimeKey(query.after, 'asc'),
          },
          orderBy: byTime('asc'),
          ...(query.take ? { take: query.take } : {}),
        })
      ).map((e) => ({
        ...e,
        kind: e.kind as TimelineEntry['kind'],
        fromStatus: e.fromStatus as OrderStatus | null,
        toStatus: e.toStatus as OrderStatus,
      })),
    /** The next number of a per-tenant sequence (`order`, `invoice`), gap-free within committed transactions. */
    async nextNumber(name: 'order' | 'invoice'): Promise<number> {
      const [row] = await tx.$queryRawUnsafe<Array<{ value: number }>>(
        `INSERT INTO tenant_counter (tenant_id, name, value) VALUES ($1::uuid, $2, 1)
         ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counter.value + 1 RETURNING value`,
        tenantId,
        name,
      );
      return row!.value;
    },
  };
}
export type OrderRepository = ReturnType<typeof orderRepository>;
