import { SETTINGS_READ_SCOPE } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { readSettings } from '../domain/settings/read-settings';

/** For other services: a practice's effective settings (values only). */
const internalSettingsRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/internal/tenants/:tenantId/settings',
    {
      schema: {
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ values: Type.Record(Type.String(), Type.Unknown()) }),
          403: Type.Ref('Problem'),
        },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      if (principal.kind !== 'service' || !principal.scopes.includes(SETTINGS_READ_SCOPE)) throw new Forbidden();
      const settings = await readSettings(deps, req.params.tenantId);
      return { values: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.value])) };
    },
  );
};
export default internalSettingsRoutes;
