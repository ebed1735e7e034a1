import { randomUUID } from 'node:crypto';
import { createEvent, InvoiceIssued, type EventEnvelope } from '@plh/contracts';
import type { InvoiceRecord } from '../data/billing.repository';
import type { OrderRecord } from '../data/order.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { CoreDeps } from './deps';
import { changeOrderStatus, type ChangeOrderInput } from './orders';
import { InvoiceNotYetIssued, OrderNotFound } from './problems';
import { decodeNumberCursor, encodeNumberCursor, NotFound, pageOf, ValidationFailed } from '@plh/service-kit';

/**
 * When an order is mailed: one mail piece per recipient (for tracking) and the invoice — numbered per
 * tenant, lines from the frozen quote — in the same transaction as the status change.
 */
export async function issueInvoiceFor(
  uow: UnitOfWork,
  order: OrderRecord,
  undeliverable = 0,
): Promise<EventEnvelope[]> {
  if (await uow.billing.invoiceOfOrder(order.id)) return [];
  const quote = (await uow.quotes.findById(order.quoteId))!;
  if (undeliverable > quote.recipients)
    throw new ValidationFailed([
      { pointer: '/body/undeliverable', message: `is more than the ${quote.recipients} letters of the order` },
    ]);
  await uow.billing.createMailPieces(order.id, quote.listId);
  // Letters the print house could not mail (bad address caught at presort) are credited at their
  // per-letter price: production and postage, the volume discount not taken back.
  const perLetterCents = quote.lines
    .filter((l) => l.quantity === quote.recipients)
    .reduce((a, l) => a + l.unitCents, 0);
  const adjustments = undeliverable
    ? [
        {
          description: `${undeliverable} undeliverable letter${undeliverable > 1 ? 's' : ''} not mailed (credited)`,
          totalCents: -undeliverable * perLetterCents,
        },
      ]
    : [];
  const invoice = await uow.billing.createInvoice({
    id: randomUUID(),
    orderId: order.id,
    number: await uow.orders.nextNumber('invoice'),
    lines: quote.lines,
    adjustments,
    subtotalCents: quote.totalCents,
    totalCents: quote.totalCents + adjustments.reduce((a, x) => a + x.totalCents, 0),
  });
  await uow.audit.record({
    action: 'invoice.issue',
    resource: { type: 'invoice', id: invoice.id },
    changes: [
      { field: 'orderId', to: order.id },
      { field: 'number', to: invoice.number },
      { field: 'totalCents', to: invoice.totalCents },
    ],
  });
  return [
    createEvent(InvoiceIssued, {
      source: 'core',
      tenantId: uow.tenantId,
      data: { invoiceId: invoice.id, orderId: order.id, number: invoice.number, totalCents: invoice.totalCents },
    }),
  ];
}

/** An order action as the API offers it: mailing also invoices (crediting letters that could not be mailed). */
export function actOnOrder(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: ChangeOrderInput & { undeliverable?: number },
): Promise<OrderRecord> {
  return changeOrderStatus(
    deps,
    input,
    input.action === 'mark_mailed' ? (uow, order) => issueInvoiceFor(uow, order, input.undeliverable ?? 0) : undefined,
  );
}

/** The practice's invoices, newest first, a page at a time, optionally those issued in [from, to). */
export async function listInvoices(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  query: { issuedFrom?: string; issuedTo?: string; cursor?: string; limit: number },
): Promise<{ items: InvoiceRecord[]; next: string | null }> {
  const beforeNumber = query.cursor ? decodeNumberCursor('invoice', query.cursor) : undefined;
  const rows = await deps.unitOfWork(tenantId, (uow) =>
    uow.billing.listInvoices({
      beforeNumber,
      issuedFrom: query.issuedFrom ? new Date(query.issuedFrom) : undefined,
      issuedTo: query.issuedTo ? new Date(query.issuedTo) : undefined,
      take: query.limit + 1,
    }),
  );
  return pageOf(
    rows,
    query.limit,
    (i) => i,
    (i) => encodeNumberCursor('invoice', i.number),
  );
}

export async function getInvoice(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  invoiceId: string,
): Promise<InvoiceRecord> {
  const invoice = await deps.unitOfWork(tenantId, (uow) => uow.billing.invoiceById(invoiceId));
  if (!invoice) throw new NotFound('No such invoice in this practice.');
  return invoice;
}

/** An order's invoice; 404 for an order not the practice's, and a 404 that says when for one not mailed yet. */
export async function invoiceOfOrder(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  orderId: string,
): Promise<InvoiceRecord> {
  return deps.unitOfWork(tenantId, async (uow) => {
    const order = await uow.orders.findById(orderId);
    if (!order) throw new OrderNotFound();
    const invoice = await uow.billing.invoiceOfOrder(orderId);
    if (!invoice) throw new InvoiceNotYetIssued(order.status);
    return invoice;
  });
}
