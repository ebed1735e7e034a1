import { DirectoryUserSchema, DirectoryUsersSchema, USERS_READ_SCOPE } from '@plh/contracts';
import {
  Forbidden,
  NotFound,
  principalOf,
  Type,
  type FastifyPluginAsyncTypebox,
  type FastifyRequest,
} from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { directoryUser, opsDirectory, practiceDirectory } from '../domain/users/directory';

function requireUsersScope(req: FastifyRequest) {
  const principal = principalOf(req);
  if (principal.kind !== 'service' || !principal.scopes.includes(USERS_READ_SCOPE)) throw new Forbidden();
}

/** For the notification service (service token with `users:read`): whom to tell, and at which address. */
const internalUserRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  const errors = { 403: Type.Ref('Problem'), 404: Type.Ref('Problem') };
  app.get(
    '/internal/tenants/:tenantId/users',
    {
      schema: {
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        response: { 200: DirectoryUsersSchema, ...errors },
      },
    },
    async (req) => {
      requireUsersScope(req);
      return { items: await practiceDirectory(deps, req.params.tenantId) };
    },
  );
  app.get(
    '/internal/users/:userId',
    {
      schema: {
        params: Type.Object({ userId: Type.String({ format: 'uuid' }) }),
        response: { 200: DirectoryUserSchema, ...errors },
      },
    },
    async (req) => {
      requireUsersScope(req);
      const user = await directoryUser(deps, req.params.userId);
      if (!user) throw new NotFound('No such user.');
      return user;
    },
  );
  app.get('/internal/ops-users', { schema: { response: { 200: DirectoryUsersSchema, ...errors } } }, async (req) => {
    requireUsersScope(req);
    return { items: await opsDirectory(deps) };
  });
};
export default internalUserRoutes;
