import { API_KEYS_VERIFY_SCOPE } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { verifyApiKey } from '../domain/api-keys/verify-api-key';
import type { TenantDeps } from '../domain/deps';

/** For the gateway: is this API key good, and for which tenant and scopes? */
const internalApiKeyRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.post(
    '/internal/api-keys/verify',
    {
      schema: {
        body: Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            apiKeyId: Type.String(),
            tenantId: Type.String(),
            scopes: Type.Array(Type.String()),
            rateLimitPerMin: Type.Integer(),
          }),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
        },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      if (principal.kind !== 'service' || !principal.scopes.includes(API_KEYS_VERIFY_SCOPE)) throw new Forbidden();
      return verifyApiKey(deps, req.body.key);
    },
  );
};
export default internalApiKeyRoutes;
