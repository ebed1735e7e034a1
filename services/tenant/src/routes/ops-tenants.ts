import { TENANT_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { listPractices } from '../domain/practices/list-practices';
import { provisionPractice } from '../domain/practices/provision-practice';
import { reactivatePractice } from '../domain/practices/reactivate-practice';
import { suspendPractice } from '../domain/practices/suspend-practice';

const Problem = Type.Ref('Problem');
const PracticeSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orgNpi: Type.Union([Type.String(), Type.Null()]),
  timezone: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** The ops team's view of practices: list and search, provisioning with an invitation, suspension. */
const opsTenantRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/ops/tenants',
    {
      config: { access: TENANT_ACCESS.opsRead },
      schema: {
        summary: 'List and search practices (ops)',
        querystring: Type.Object(
          {
            search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(PracticeSummary), total: Type.Integer() }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (req) => {
      return listPractices(deps, req.query);
    },
  );

  app.post(
    '/api/ops/tenants',
    {
      config: { access: TENANT_ACCESS.opsAdmin },
      schema: {
        summary: 'Provision a practice and invite its first owner (ops)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            orgNpi: Type.Optional(Type.String({ pattern: '^[0-9]{10}$' })),
            timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            ownerEmail: Type.String({ format: 'email', maxLength: 254 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            tenantId: Type.String(),
            ownerUserId: Type.String(),
            inviteToken: Type.String({ description: 'One-time; send it to the owner, it is not stored' }),
            inviteExpiresAt: Type.String({ format: 'date-time' }),
          }),
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const created = await provisionPractice(deps, { actorId: principal.id, ...req.body });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...created, inviteExpiresAt: created.inviteExpiresAt.toISOString() });
    },
  );

  for (const [action, run] of [
    ['suspend', suspendPractice],
    ['reactivate', reactivatePractice],
  ] as const) {
    app.post(
      `/api/ops/tenants/:tenantId/${action}`,
      {
        config: { access: TENANT_ACCESS.opsAdmin },
        schema: {
          summary: 'Suspend or reactivate a practice (ops)',
          params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        await run(deps, { tenantId: req.params.tenantId, actorId: principal.id });
        return reply.code(204).send(null);
      },
    );
  }
};
export default opsTenantRoutes;
