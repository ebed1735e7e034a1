import { TENANT_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { changeSettings } from '../domain/settings/change-settings';
import { readSettings } from '../domain/settings/read-settings';

const Problem = Type.Ref('Problem');
const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) });
const Settings = Type.Object({
  settings: Type.Record(
    Type.String(),
    Type.Object({
      value: Type.Unknown(),
      default: Type.Unknown(),
      overridden: Type.Boolean(),
      editableBy: Type.Union([Type.Literal('owner'), Type.Literal('ops')]),
      description: Type.String(),
    }),
  ),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Settings and feature flags of a practice: everyone in it reads; owners change theirs, ops change all. */
const settingsRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/settings',
    {
      config: { access: TENANT_ACCESS.readSettings },
      schema: {
        summary: 'Read settings and feature flags (with defaults)',
        params: TenantParams,
        response: { 200: Settings, ...errors },
      },
    },
    async (req) => {
      return { settings: await readSettings(deps, req.params.tenantId) };
    },
  );
  app.patch(
    '/api/tenants/:tenantId/settings',
    {
      config: { access: TENANT_ACCESS.writeSettings },
      schema: {
        summary: 'Change settings (owners) or override flags (ops)',
        params: TenantParams,
        body: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50 }),
        response: { 200: Settings, ...errors },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const actorIsOps = principal.kind === 'user' && principal.role === 'ops_admin';
      return {
        settings: await changeSettings(deps, {
          tenantId: req.params.tenantId,
          actorId: principal.id,
          actorIsOps,
          changes: req.body,
        }),
      };
    },
  );
};
export default settingsRoutes;
