import { TENANT_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { changeUser } from '../domain/users/change-user';
import { listUsers } from '../domain/users/list-users';

const Problem = Type.Ref('Problem');
const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The users of a practice: listed by owners and ops; roles and suspension changed by owners and ops admins. */
const userRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/users',
    {
      config: { access: TENANT_ACCESS.listUsers },
      schema: {
        summary: 'List the practice’s users',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errors },
      },
    },
    async (req) => {
      return { items: await listUsers(deps, req.params.tenantId) };
    },
  );
  app.patch(
    '/api/tenants/:tenantId/users/:userId',
    {
      config: { access: TENANT_ACCESS.manageUsers },
      schema: {
        summary: 'Change a user’s role or status',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            role: Type.Optional(Type.Union([Type.Literal('owner'), Type.Literal('approver'), Type.Literal('viewer')])),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserView, ...errors },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      return changeUser(deps, {
        tenantId: req.params.tenantId,
        userId: req.params.userId,
        actorId: principal.id,
        ...req.body,
      });
    },
  );
};
export default userRoutes;
