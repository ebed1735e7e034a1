import { CORE_ACCESS } from '@plh/contracts';
import { Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { opsQueue } from '../domain/ops-queue';
import { errors, OrderStatus, ProblemSummary, problemSummary, TenantParams } from './schemas';

const Uuid = Type.String({ format: 'uuid' });

/** The practice's dashboard and the ops queue across practices. */
const overviewRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/dashboard',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary:
          'The practice’s numbers: campaigns, patients, orders by status, letters mailed/delivered/returned, spend',
        params: TenantParams,
        response: {
          200: Type.Object({
            projects: Type.Integer(),
            acceptedLists: Type.Integer(),
            patients: Type.Integer(),
            openOrders: Type.Integer(),
            ordersByStatus: Type.Record(Type.String(), Type.Integer()),
            lettersMailed: Type.Integer(),
            delivered: Type.Integer(),
            returned: Type.Integer(),
            invoicedCents: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const n = await deps.unitOfWork(req.params.tenantId, (uow) => uow.dashboard.numbers());
      return {
        projects: n.projects,
        acceptedLists: n.accepted_lists,
        patients: n.patients,
        openOrders: n.open_orders,
        ordersByStatus: n.ordersByStatus,
        lettersMailed: n.letters_mailed,
        delivered: n.delivered,
        returned: n.returned,
        invoicedCents: n.invoiced_cents,
      };
    },
  );
  app.get(
    '/api/ops/orders',
    {
      config: { access: CORE_ACCESS.opsQueue },
      schema: {
        summary:
          'The ops queue: orders of every practice, those with a problem (a failed job) first, then oldest change first; counts by status and of problems (ops only)',
        querystring: Type.Object({
          status: Type.Optional(OrderStatus),
          tenantId: Type.Optional(Uuid),
          problem: Type.Optional(Type.Boolean({ description: 'Only orders with (true) or without (false) a problem' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: {
          200: Type.Object({
            counts: Type.Record(Type.String(), Type.Integer()),
            problems: Type.Integer({ description: 'Orders with an open problem' }),
            items: Type.Array(
              Type.Object({
                id: Uuid,
                tenantId: Uuid,
                number: Type.Integer(),
                status: Type.String(),
                projectId: Uuid,
                recipients: Type.Integer(),
                totalCents: Type.Integer(),
                createdAt: Type.String(),
                updatedAt: Type.String(),
                problem: Type.Union([ProblemSummary, Type.Null()]),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const { counts, problems, items } = await opsQueue(deps, req.query);
      return {
        counts,
        problems,
        items: items.map(({ problemCode, problemRow, problemJobId, problemAt, ...i }) => ({
          ...i,
          createdAt: i.createdAt.toISOString(),
          updatedAt: i.updatedAt.toISOString(),
          problem: problemSummary(i.tenantId, { problemCode, problemRow, problemJobId, problemAt }),
        })),
      };
    },
  );
};
export default overviewRoutes;
