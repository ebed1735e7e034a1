import { PracticePageSchema, RosterPageSchema, RosterProviderSchema, ROSTER_READ_SCOPE } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox, type FastifyRequest } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { practicePage, practiceRoster, practicesRosters, rosterPage } from '../domain/providers/roster-for-screening';

const requireRosterScope = (req: FastifyRequest) => {
  const principal = principalOf(req);
  if (principal.kind !== 'service' || !principal.scopes.includes(ROSTER_READ_SCOPE)) throw new Forbidden();
};

/** For the compliance service (service token with roster:read): the rosters it screens, the practices it informs. */
const internalRosterRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/internal/providers',
    {
      schema: {
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
        }),
        response: { 200: RosterPageSchema, 400: Type.Ref('Problem'), 403: Type.Ref('Problem') },
      },
    },
    async (req) => {
      requireRosterScope(req);
      return rosterPage(deps, req.query);
    },
  );
  app.get(
    '/internal/rosters',
    {
      schema: {
        querystring: Type.Object({
          tenantId: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(RosterProviderSchema) }),
          400: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
        },
      },
    },
    async (req) => {
      requireRosterScope(req);
      return { items: await practicesRosters(deps, req.query.tenantId) };
    },
  );
  app.get(
    '/internal/practices',
    {
      schema: {
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
        }),
        response: { 200: PracticePageSchema, 400: Type.Ref('Problem'), 403: Type.Ref('Problem') },
      },
    },
    async (req) => {
      requireRosterScope(req);
      return practicePage(deps, req.query);
    },
  );
  app.get(
    '/internal/tenants/:tenantId/providers',
    {
      schema: {
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ items: Type.Array(RosterProviderSchema) }), 403: Type.Ref('Problem') },
      },
    },
    async (req) => {
      requireRosterScope(req);
      return { items: await practiceRoster(deps, req.params.tenantId) };
    },
  );
};
export default internalRosterRoutes;
