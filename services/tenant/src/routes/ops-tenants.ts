import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { provisionTenantWithInvite, type InviteDeps } from '../domain/invites';
import { reactivateTenant, suspendTenant } from '../domain/suspension';

const Problem = Type.Ref('Problem');

/** Ops-side provisioning of a practice with its first owner's one-time invitation; suspension. */
const opsTenantRoutes: FastifyPluginAsyncTypebox<{ invites: InviteDeps }> = async (app, { invites }) => {
  app.post(
    '/api/ops/tenants',
    {
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
      if (principal.kind !== 'user' || principal.role !== 'ops_admin')
        throw new Forbidden('This needs the ops_admin role.');
      const created = await provisionTenantWithInvite(invites, { actorId: principal.id, ...req.body });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...created, inviteExpiresAt: created.inviteExpiresAt.toISOString() });
    },
  );

  for (const [action, run] of [
    ['suspend', suspendTenant],
    ['reactivate', reactivateTenant],
  ] as const) {
    app.post(
      `/api/ops/tenants/:tenantId/${action}`,
      {
        schema: {
          summary: 'Suspend or reactivate a practice (ops)',
          params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        if (principal.kind !== 'user' || principal.role !== 'ops_admin')
          throw new Forbidden('This needs the ops_admin role.');
        await run(invites, { tenantId: req.params.tenantId, actorId: principal.id });
        return reply.code(204).send(null);
      },
    );
  }
};
export default opsTenantRoutes;
