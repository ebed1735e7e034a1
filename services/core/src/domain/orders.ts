import { randomUUID } from 'node:crypto';
import { createEvent, OrderCancelled, OrderPlaced, OrderStatusChanged, type EventEnvelope } from '@plh/contracts';
import { decodeTimeCursor, pageByTime, PreconditionFailed } from '@plh/service-kit';
import type { OrderRecord, TimelineEntry } from '../data/order.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { Actor, CoreDeps } from './deps';
import { transition, type Actor as MachineActor, type OrderAction, type OrderStatus } from './order-state-machine';
import { clearProblem } from './order-problems';
import { OrderNotFound, OrderTransitionRefused, QuoteNotAvailable, QuoteNotFound } from './problems';

export function machineActor(actor: Actor): MachineActor {
  if (actor.kind === 'service') return { kind: 'system' };
  if (actor.kind === 'api_key') return { kind: 'customer', role: 'api_key' };
  if (actor.role === 'ops_admin' || actor.role === 'ops_agent') return { kind: 'ops', role: actor.role };
  return { kind: 'customer', role: (actor.role ?? 'viewer') as 'owner' | 'approver' | 'viewer' };
}

export interface PlaceOrderInput {
  tenantId: string;
  quoteId: string;
  actor: Actor;
  /** false: keep the order as `quoted` (a draft to place later). */
  place: boolean;
}

/**
 * An order from an issued, unexpired quote: the quote becomes accepted (once: a second order for it
 * is a conflict), the order gets the next per-tenant number and a free-cancellation window, and the
 * timeline and events record it in the same transaction.
 */
export async function placeOrder(
  deps: Pick<CoreDeps, 'unitOfWork' | 'terms'>,
  input: PlaceOrderInput,
): Promise<OrderRecord> {
  const { cancelWindowMinutes } = await deps.terms(input.tenantId);
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const quote = await uow.quotes.findById(input.quoteId);
    if (!quote) throw new QuoteNotFound();
    if (quote.status !== 'issued') throw new QuoteNotAvailable('This quote was already used for an order.');
    if (quote.expiresAt < new Date()) throw new QuoteNotAvailable('This quote has expired; ask for a new one.');
    const status: OrderStatus = input.place ? 'ordered' : 'quoted';
    const check = transition('quoted', 'place', machineActor(input.actor), {
      now: new Date(),
      cancelWindowEndsAt: new Date(),
    });
    if (!check.ok) throw new OrderTransitionRefused(check.refusal.code, check.refusal.detail);
    if (!(await uow.quotes.accept(quote.id))) throw new QuoteNotAvailable('This quote was already used for an order.');
    const order = await uow.orders.create({
      id: randomUUID(),
      number: await uow.orders.nextNumber('order'),
      projectId: quote.projectId,
      quoteId: quote.id,
      status,
      cancelWindowEndsAt: new Date(Date.now() + cancelWindowMinutes * 60_000),
      createdBy: input.actor.id,
    });
    await record(uow, order, null, status, input.actor, null);
    if (input.place)
      await uow.outbox.enqueue(
        createEvent(OrderPlaced, {
          source: 'core',
          tenantId: input.tenantId,
          data: {
            orderId: order.id,
            projectId: order.projectId,
            quoteId: quote.id,
            listId: quote.listId,
            recipients: quote.recipients,
          },
        }),
      );
    return order;
  });
}

export interface ChangeOrderInput {
  tenantId: string;
  orderId: string;
  action: OrderAction;
  actor: Actor;
  /** From `If-Match`; a stale one is 412 and changes nothing. */
  expectedVersion?: number;
  reason?: string | null;
}

/** One step of the state machine, with optimistic concurrency, timeline entry and events. */
export async function changeOrderStatus(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: ChangeOrderInput,
  extra?: (uow: UnitOfWork, order: OrderRecord) => Promise<EventEnvelope[]>,
): Promise<OrderRecord> {
  return deps.unitOfWork(input.tenantId, (uow) => changeOrderStatusIn(uow, input, extra));
}

export async function changeOrderStatusIn(
  uow: UnitOfWork,
  input: ChangeOrderInput,
  extra?: (uow: UnitOfWork, order: OrderRecord) => Promise<EventEnvelope[]>,
): Promise<OrderRecord> {
  const order = await uow.orders.lock(input.orderId);
  if (!order) throw new OrderNotFound();
  if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) throw new PreconditionFailed();
  const result = transition(order.status, input.action, machineActor(input.actor), {
    now: new Date(),
    cancelWindowEndsAt: order.cancelWindowEndsAt,
  });
  if (!result.ok) throw new OrderTransitionRefused(result.refusal.code, result.refusal.detail);
  const updated = await uow.orders.setStatus(order.id, result.to);
  await clearProblem(uow, order);
  await record(uow, updated, order.status, result.to, input.actor, input.reason ?? null, input.action);
  if (result.to === 'cancelled')
    await uow.outbox.enqueue(
      createEvent(OrderCancelled, {
        source: 'core',
        tenantId: uow.tenantId,
        data: { orderId: order.id, byOps: machineActor(input.actor).kind === 'ops' },
      }),
    );
  for (const event of (await extra?.(uow, updated)) ?? []) await uow.outbox.enqueue(event);
  return updated;
}

async function record(
  uow: UnitOfWork,
  order: OrderRecord,
  from: OrderStatus | null,
  to: OrderStatus,
  actor: Actor,
  reason: string | null,
  /** The action taken (the audit record is named after it); placing has none. */
  taken?: string,
): Promise<void> {
  await uow.orders.appendTimeline({
    id: randomUUID(),
    orderId: order.id,
    fromStatus: from,
    toStatus: to,
    actorKind: actor.kind,
    actorId: actor.id,
    reason,
  });
  await uow.outbox.enqueue(
    createEvent(OrderStatusChanged, {
      source: 'core',
      tenantId: uow.tenantId,
      data: { orderId: order.id, from, to, actorKind: actor.kind },
    }),
  );
  const action = taken ?? (to === 'quoted' ? 'create' : 'place');
  await uow.audit.record({
    action: `order.${action.replaceAll('_', '-')}`,
    resource: { type: 'order', id: order.id },
    changes: [{ field: 'status', from, to }],
  });
}

export async function getOrder(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  orderId: string,
): Promise<{ order: OrderRecord; timeline: TimelineEntry[] }> {
  return deps.unitOfWork(tenantId, async (uow) => {
    const order = await uow.orders.findById(orderId);
    if (!order) throw new OrderNotFound();
    return { order, timeline: await uow.orders.timeline(orderId) };
  });
}

/** An order's timeline, oldest first, a page at a time, optionally of one kind (`problem`s only). */
export function orderTimeline(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  orderId: string,
  query: { kind?: TimelineEntry['kind']; cursor?: string; limit: number },
): Promise<{ items: TimelineEntry[]; next: string | null }> {
  return deps.unitOfWork(tenantId, async (uow) => {
    if (!(await uow.orders.findById(orderId))) throw new OrderNotFound();
    const after = query.cursor ? decodeTimeCursor('timeline', query.cursor) : undefined;
    const rows = await uow.orders.timeline(orderId, { kind: query.kind, after, take: query.limit + 1 });
    return pageByTime('timeline', rows, query.limit);
  });
}

/** The practice's orders, newest first, a page at a time, by status or project. */
export function listOrders(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  query: { status?: OrderStatus; projectId?: string; cursor?: string; limit: number },
): Promise<{ items: OrderRecord[]; next: string | null }> {
  return deps.unitOfWork(tenantId, async (uow) => {
    const after = query.cursor ? decodeTimeCursor('order', query.cursor) : undefined;
    const rows = await uow.orders.list({ status: query.status, projectId: query.projectId, after }, query.limit + 1);
    return pageByTime('order', rows, query.limit);
  });
}
