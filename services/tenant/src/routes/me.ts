import { TENANT_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { whoAmI } from '../domain/auth/who-am-i';
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
};
export default meRoutes;
