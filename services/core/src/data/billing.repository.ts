import type { Prisma } from '../../generated/prisma';
import type { QuoteLine } from '../domain/pricing';
import type { Tx } from './db';

export interface InvoiceRecord {
  id: string;
  orderId: string;
  number: number;
  lines: QuoteLine[];
  adjustments: Array<{ description: string; totalCents: number }>;
  subtotalCents: number;
  totalCents: number;
  currency: string;
  issuedAt: Date;
}

type InvoiceRow = Prisma.InvoiceGetPayload<object>;
const toInvoice = (r: InvoiceRow): InvoiceRecord => ({
  ...r,
  lines: r.lines as unknown as QuoteLine[],
  adjustments: r.adjustments as unknown as InvoiceRecord['adjustments'],
});

export type MailStatus =
  | 'mailed'
  | 'in_transit'
  | 'in_local_area'
  | 'processed_for_delivery'
  | 're_routed'
  | 'returned_to_sender'
  | 'delivered';

/** Invoices, mail pieces (one per mailed letter) and their tracking scans. */
export function billingRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async createInvoice(i: Omit<InvoiceRecord, 'issuedAt' | 'currency'>): Promise<InvoiceRecord> {
      return toInvoice(
        await tx.invoice.create({
          data: {
            ...i,
            lines: i.lines as unknown as Prisma.InputJsonValue,
            adjustments: i.adjustments as unknown as Prisma.InputJsonValue,
            ...scope,
          },
        }),
      );
    },
    invoiceOfOrder: async (orderId: string) => {
      const row = await tx.invoice.findFirst({ where: { ...scope, orderId } });
      return row ? toInvoice(row) : null;
    },
    invoiceById: async (id: string) => {
      const row = await tx.invoice.findFirst({ where: { ...scope, id } });
      return row ? toInvoice(row) : null;
    },
    /** Newest first (by number) before `beforeNumber`, optionally issued in [from, to). */
    listInvoices: async (query: { beforeNumber?: number; issuedFrom?: Date; issuedTo?: Date; take: number }) =>
      (
        await tx.invoice.findMany({
          where: {
            ...scope,
            ...(query.beforeNumber !== undefined ? { number: { lt: query.beforeNumber } } : {}),
            ...(query.issuedFrom || query.issuedTo
              ? {
                  issuedAt: {
                    ...(query.issuedFrom ? { gte: query.issuedFrom } : {}),
                    ...(query.issuedTo ? { lt: query.issuedTo } : {}),
                  },
                }
              : {}),
          },
          orderBy: { number: 'desc' },
          take: query.take,
        })
      ).map(toInvoice),
    /** One mail piece per valid patient of the list, set-based (a 100k-row list is one statement). */
    createMailPieces: (orderId: string, listId: string) =>
      tx.$executeRawUnsafe(
        `INSERT INTO mail_piece (id, tenant_id, order_id, patient_id)
         SELECT gen_random_uuid(), tenant_id, $2::uuid, id FROM patient WHERE tenant_id = $1::uuid AND list_id = $3::uuid
         ON CONFLICT (order_id, patient_id) DO NOTHING`,
        tenantId,
        orderId,
        listId,
      ),
    /** An order's pieces in id order after `afterId` (keyset paging), optionally of one status. */
    pieces: (orderId: string, query: { status?: string; afterId?: string; take: number }) =>
      tx.mailPiece.findMany({
        where: {
          ...scope,
          orderId,
          ...(query.status ? { status: query.status } : {}),
          ...(query.afterId ? { id: { gt: query.afterId } } : {}),
        },
        select: { id: true, patientId: true, status: true },
        orderBy: { id: 'asc' },
        take: query.take,
      }),
    findPiece: (id: string) => tx.mailPiece.findFirst({ where: { ...scope, id } }),
    /** Records a scan once per (source, externalId); the piece shows its latest scan. */
    async addScan(s: {
      mailPieceId: string;
      status: MailStatus;
      source: string;
      externalId: string;
      occurredAt: Date;
      id: string;
    }) {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO tracking_event (id, tenant_id, mail_piece_id, status, source, external_id, occurred_at)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7) ON CONFLICT (source, external_id) DO NOTHING`,
        s.id,
        tenantId,
        s.mailPieceId,
        s.status,
        s.source,
        s.externalId,
        s.occurredAt,
      );
      if (inserted === 1)
        await tx.$executeRawUnsafe(
          // A late-arriving older scan does not overwrite a newer status.
          `UPDATE mail_piece SET status = $3, updated_at = $4 WHERE tenant_id = $1::uuid AND id = $2::uuid
           AND NOT EXISTS (SELECT 1 FROM tracking_event t WHERE t.mail_piece_id = $2::uuid AND t.occurred_at > $4)`,
          tenantId,
          s.mailPieceId,
          s.status,
          s.occurredAt,
        );
      return inserted === 1;
    },
    rollup: async (orderId: string) =>
      (await tx.mailPiece.groupBy({ by: ['status'], where: { ...scope, orderId }, _count: { _all: true } })).map(
        (g) => ({
          status: g.status as MailStatus,
          count: g._count._all,
        }),
      ),
    returned: (orderId: string) =>
      tx.mailPiece.findMany({
        where: { ...scope, orderId, status: 'returned_to_sender' },
        select: { id: true, patientId: true, updatedAt: true },
        orderBy: { updatedAt: 'asc' },
        take: 10_000,
      }),
    /** Spreadsheet row numbers of patients (what a practice finds them by in its own list). */
    rowNumbers: async (ids: string[]) =>
      new Map(
        (
          await tx.patient.findMany({ where: { ...scope, id: { in: ids } }, select: { id: true, rowNumber: true } })
        ).map((p) => [p.id, p.rowNumber]),
      ),
  };
}
