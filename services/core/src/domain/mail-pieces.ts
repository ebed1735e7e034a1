import { decodeCursor, encodeCursor, pageOf, ValidationFailed } from '@plh/service-kit';
import type { CoreDeps } from './deps';
import { OrderNotFound } from './problems';

/** An order's letters (ids and delivery status), a page at a time; 404 for an order not the practice's. */
export async function listMailPieces(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; orderId: string; status?: string; cursor?: string; limit: number },
): Promise<{ items: Array<{ id: string; patientId: string; status: string }>; next: string | null }> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    if (!(await uow.orders.findById(input.orderId))) throw new OrderNotFound();
    const afterId = input.cursor ? decodeCursor('mail-piece', input.cursor)[0] : undefined;
    if (input.cursor && !/^[0-9a-f-]{36}$/.test(afterId ?? ''))
      throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
    const rows = await uow.billing.pieces(input.orderId, { status: input.status, afterId, take: input.limit + 1 });
    return pageOf(
      rows,
      input.limit,
      (r) => r,
      (r) => encodeCursor('mail-piece', [r.id]),
    );
  });
}
