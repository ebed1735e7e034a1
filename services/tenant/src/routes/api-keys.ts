import { TENANT_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { API_KEY_SCOPES } from '../domain/api-keys/api-key';
import { createApiKey } from '../domain/api-keys/create-api-key';
import { listApiKeys } from '../domain/api-keys/list-api-keys';
import { revokeApiKey } from '../domain/api-keys/revoke-api-key';
import type { TenantDeps } from '../domain/deps';

const Problem = Type.Ref('Problem');
const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) });
const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  keyId: Type.String(),
  scopes: Type.Array(Type.String()),
  rateLimitPerMin: Type.Integer(),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** API keys of a tenant: created by an owner (shown once), listed and revoked by owners and ops admins. */
const apiKeyRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/api-keys',
    {
      config: { access: TENANT_ACCESS.createApiKey },
      schema: {
        summary: 'Create an API key (the secret is shown once)',
        params: TenantParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.Union(API_KEY_SCOPES.map((s) => Type.Literal(s))), {
              minItems: 1,
              uniqueItems: true,
            }),
            rateLimitPerMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ apiKey: ApiKeyView, key: Type.String({ description: 'Shown once; store it now' }) }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const created = await createApiKey(deps, {
        tenantId: req.params.tenantId,
        actorId: principal.id,
        name: req.body.name,
        scopes: req.body.scopes,
        ...(req.body.rateLimitPerMin ? { rateLimitPerMin: req.body.rateLimitPerMin } : {}),
        ...(req.body.expiresAt ? { expiresAt: new Date(req.body.expiresAt) } : {}),
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/tenants/:tenantId/api-keys',
    {
      config: { access: TENANT_ACCESS.manageApiKeys },
      schema: {
        summary: 'List the practice’s API keys',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(ApiKeyView) }), ...errors },
      },
    },
    async (req) => {
      return { items: await listApiKeys(deps, req.params.tenantId) };
    },
  );

  app.delete(
    '/api/tenants/:tenantId/api-keys/:apiKeyId',
    {
      config: { access: TENANT_ACCESS.manageApiKeys },
      schema: {
        summary: 'Revoke an API key',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), apiKeyId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      await revokeApiKey(deps, {
        tenantId: req.params.tenantId,
        actorId: principal.id,
        apiKeyId: req.params.apiKeyId,
      });
      return reply.code(204).send(null);
    },
  );
};
export default apiKeyRoutes;
