import { CORE_ACCESS } from '@plh/contracts';
import { Page, PageQuery, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { actionBetween, availableActions, TRANSITIONS, type OrderAction } from '../domain/order-state-machine';
import { OrderTransitionRefused } from '../domain/problems';
import { actOnOrder } from '../domain/invoices';
import { getOrder, listOrders, machineActor, orderTimeline, placeOrder } from '../domain/orders';
import type { OrderRecord } from '../data/order.repository';
import type { Principal } from '@plh/service-kit';
import { actorOf } from './access';
import {
  type ActionLink,
  errors,
  etagOf,
  literals,
  OrderStatus,
  OrderView,
  Problem,
  TenantParams,
  TimelineView,
  toOrderView,
  toTimelineView,
  versionFromIfMatch,
} from './schemas';

const OrderParams = Type.Object({
  tenantId: Type.String({ format: 'uuid' }),
  orderId: Type.String({ format: 'uuid' }),
});
/** Actions callers take through the API; proof_ready comes from the proof engine's event. */
const CALLER_ACTIONS: OrderAction[] = (Object.keys(TRANSITIONS) as OrderAction[]).filter(
  (a) => a !== 'proof_ready' && a !== 'quote',
);

/**
 * What the caller may do next, each as the request that does it: approval and rejection go through
 * `…/approval` (pinned to the proof), every other action is `POST …/orders/:id/<action>` with `If-Match`.
 */
const actionsFor = (order: OrderRecord, principal: Principal): ActionLink[] =>
  availableActions(order.status, machineActor(actorOf(principal)), {
    now: new Date(),
    cancelWindowEndsAt: order.cancelWindowEndsAt,
  })
    .filter((a) => CALLER_ACTIONS.includes(a))
    .map((action) => {
      const base = `/api/tenants/${order.tenantId}/orders/${order.id}`;
      if (action === 'approve' || action === 'reject')
        return {
          action,
          method: 'POST' as const,
          path: `${base}/approval`,
          ifMatch: false,
          body: {
            decision: action === 'approve' ? 'approved' : 'rejected',
            proofId: 'the latest proof’s id (GET …/proofs)',
            proofSha256: 'the sha256 of that proof',
            ...(action === 'reject' ? { comment: 'why (required)' } : {}),
          },
        };
      return { action, method: 'POST' as const, path: `${base}/${action}`, ifMatch: true, body: null };
    });

/** Orders: placed from quotes, moved by actions, each change on the timeline. */
const orderRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/orders',
    {
      config: { access: CORE_ACCESS.order },
      schema: {
        summary: 'Place an order from an issued quote',
        params: TenantParams,
        body: Type.Object(
          {
            quoteId: Type.String({ format: 'uuid' }),
            place: Type.Boolean({ default: true, description: 'false keeps it as a draft (quoted) to place later' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrderView, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const order = await placeOrder(deps, {
        tenantId: req.params.tenantId,
        quoteId: req.body.quoteId,
        place: req.body.place,
        actor: actorOf(principal),
      });
      reply.header('etag', etagOf(order.version));
      return reply.code(201).send(toOrderView(order, actionsFor(order, principal)));
    },
  );
  app.get(
    '/api/tenants/:tenantId/orders',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The practice’s orders, newest first, a page at a time (filters: status, project)',
        params: TenantParams,
        querystring: Type.Object({
          status: Type.Optional(OrderStatus),
          projectId: Type.Optional(Type.String({ format: 'uuid' })),
          ...PageQuery,
        }),
        response: { 200: Page(OrderView), ...errors },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const page = await listOrders(deps, req.params.tenantId, req.query);
      return { items: page.items.map((o) => toOrderView(o, actionsFor(o, principal))), next: page.next };
    },
  );
  app.get(
    '/api/tenants/:tenantId/orders/:orderId',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'One order with its status timeline; the ETag is its version',
        params: OrderParams,
        response: { 200: OrderView, ...errors },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { order, timeline } = await getOrder(deps, req.params.tenantId, req.params.orderId);
      reply.header('etag', etagOf(order.version));
      return toOrderView(order, actionsFor(order, principal), timeline);
    },
  );
  app.get(
    '/api/tenants/:tenantId/orders/:orderId/timeline',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The order’s timeline, oldest first, a page at a time (filter: kind, e.g. only problems)',
        params: OrderParams,
        querystring: Type.Object({ kind: Type.Optional(literals(['status', 'problem'] as const)), ...PageQuery }),
        response: { 200: Page(TimelineView), ...errors },
      },
    },
    async (req) => {
      const page = await orderTimeline(deps, req.params.tenantId, req.params.orderId, req.query);
      return { items: page.items.map(toTimelineView), next: page.next };
    },
  );
  app.put(
    '/api/tenants/:tenantId/orders/:orderId',
    {
      config: { access: CORE_ACCESS.act },
      schema: {
        summary: 'Move an order to a status (the seed API’s form of the actions; If-Match honoured)',
        description:
          'Equivalent to the one action that leads there from the current status; approving or rejecting a proof goes through POST …/approval.',
        params: OrderParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        body: Type.Object(
          { status: OrderStatus, reason: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: OrderView, ...errors, 409: Problem, 412: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { order: current } = await getOrder(deps, req.params.tenantId, req.params.orderId);
      const action = actionBetween(current.status, req.body.status);
      if (!action)
        throw new OrderTransitionRefused(
          'ORDER_STATE_CONFLICT',
          `An order that is ${current.status} cannot be moved to ${req.body.status} this way.`,
        );
      const order = await actOnOrder(deps, {
        tenantId: req.params.tenantId,
        orderId: req.params.orderId,
        action,
        actor: actorOf(principal),
        expectedVersion: versionFromIfMatch(req.headers['if-match']) ?? current.version,
        reason: req.body.reason ?? null,
      });
      reply.header('etag', etagOf(order.version));
      return toOrderView(order, actionsFor(order, principal));
    },
  );
  app.post(
    '/api/tenants/:tenantId/orders/:orderId/:action',
    {
      config: { access: CORE_ACCESS.act },
      schema: {
        summary:
          'Move an order: place, cancel, approve / reject (see approvals), start_production, mark_mailed, complete, fail',
        description:
          'Send `If-Match` with the ETag you read: a stale one is 412 and changes nothing. ' +
          'An action the order’s status does not allow is 409; one your role may not take is 403.',
        params: Type.Object({
          ...OrderParams.properties,
          action: Type.Unsafe<OrderAction>({
            type: 'string',
            enum: CALLER_ACTIONS.filter((a) => a !== 'approve' && a !== 'reject'),
          }),
        }),
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        // No body at all is fine: the action is in the path.
        body: Type.Union([
          Type.Object(
            {
              reason: Type.Optional(Type.String({ maxLength: 500 })),
              undeliverable: Type.Optional(
                Type.Integer({
                  minimum: 0,
                  description: 'mark_mailed: letters the print house could not mail (credited)',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
        response: { 200: OrderView, ...errors, 409: Problem, 412: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const order = await actOnOrder(deps, {
        tenantId: req.params.tenantId,
        orderId: req.params.orderId,
        action: req.params.action,
        actor: actorOf(principal),
        expectedVersion: versionFromIfMatch(req.headers['if-match']),
        reason: req.body?.reason ?? null,
        ...(req.body?.undeliverable !== undefined ? { undeliverable: req.body.undeliverable } : {}),
      });
      reply.header('etag', etagOf(order.version));
      return toOrderView(order, actionsFor(order, principal));
    },
  );
};
export default orderRoutes;
