import { TENANT_ACCESS } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { changePassword } from '../domain/auth/change-password';
import { whoAmI } from '../domain/auth/who-am-i';
import { logOutEverywhere } from '../domain/auth/log-out-everywhere';
import type { TenantDeps } from '../domain/deps';
import { Identity } from './auth';

const Problem = Type.Ref('Problem');

/** Who the caller is (user id, email, role, practice), so a client need not decode its token. */
const meRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/me',
    {
      config: { access: TENANT_ACCESS.me },
      schema: {
        summary: 'Who the caller is: a user (id, email, role, practice) or an API key (id, scopes, practice)',
        response: { 200: Identity, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => whoAmI(deps, principalOf(req)),
  );
  app.post(
    '/api/me/password',
    {
      config: { access: TENANT_ACCESS.changeOwnPassword },
      schema: {
        summary: 'Change your own password (the current one first); every session of yours ends, sign in again',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
            newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 429: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      if (principal.kind !== 'user') throw new Forbidden('Only a signed-in user has a password.');
      await changePassword(deps, { userId: principal.id, ...req.body });
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/me/logout-everywhere',
    {
      config: { access: TENANT_ACCESS.endOwnSessions },
      schema: {
        summary: 'End every session of yours, on every device (access tokens already issued expire within 15 minutes)',
        response: { 204: Type.Null(), 401: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      if (principal.kind !== 'user') throw new Forbidden('Only a signed-in user has sessions.');
      await logOutEverywhere(deps, principal.id);
      return reply.code(204).send(null);
    },
  );
};
export default meRoutes;
