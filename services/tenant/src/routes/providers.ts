import { TENANT_ACCESS } from '@plh/contracts';
import { Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { addProvider } from '../domain/providers/add-provider';
import { listProviders } from '../domain/providers/list-providers';
import { removeProvider } from '../domain/providers/remove-provider';
import { updateProvider } from '../domain/providers/update-provider';

const Problem = Type.Ref('Problem');
const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) });
const ProviderParams = Type.Object({
  tenantId: Type.String({ format: 'uuid' }),
  providerId: Type.String({ format: 'uuid' }),
});
const ProviderBody = Type.Object(
  {
    npi: Type.String({ pattern: '^[0-9]{10}$' }),
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    middleName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    lastName: Type.String({ minLength: 1, maxLength: 100 }),
    dateOfBirth: Type.String({ format: 'date' }),
    licenseState: Type.String({ pattern: '^[A-Za-z]{2}$' }),
    licenseNumber: Type.String({ minLength: 1, maxLength: 50 }),
    specialty: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const ProviderView = Type.Object({
  id: Type.String(),
  npi: Type.String(),
  firstName: Type.String(),
  middleName: Type.Union([Type.String(), Type.Null()]),
  lastName: Type.String(),
  dateOfBirth: Type.String({ format: 'date' }),
  licenseState: Type.String(),
  licenseNumber: Type.String(),
  specialty: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The practice's provider roster (the compliance service screens it). */
const providerRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/providers',
    {
      config: { access: TENANT_ACCESS.readProviders },
      schema: {
        summary: 'List the provider roster',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(ProviderView) }), ...errors },
      },
    },
    async (req) => {
      return { items: await listProviders(deps, req.params.tenantId) };
    },
  );
  app.post(
    '/api/tenants/:tenantId/providers',
    {
      config: { access: TENANT_ACCESS.writeProviders },
      schema: {
        summary: 'Add a provider to the roster',
        params: TenantParams,
        body: ProviderBody,
        response: { 201: ProviderView, ...errors },
      },
    },
    async (req, reply) => {
      return reply.code(201).send(await addProvider(deps, req.params.tenantId, req.body));
    },
  );
  app.put(
    '/api/tenants/:tenantId/providers/:providerId',
    {
      config: { access: TENANT_ACCESS.writeProviders },
      schema: {
        summary: 'Replace a provider’s details',
        params: ProviderParams,
        body: ProviderBody,
        response: { 200: ProviderView, ...errors },
      },
    },
    async (req) => {
      return updateProvider(deps, req.params.tenantId, req.params.providerId, req.body);
    },
  );
  app.delete(
    '/api/tenants/:tenantId/providers/:providerId',
    {
      config: { access: TENANT_ACCESS.writeProviders },
      schema: {
        summary: 'Remove a provider from the roster',
        params: ProviderParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeProvider(deps, req.params.tenantId, req.params.providerId);
      return reply.code(204).send(null);
    },
  );
};
export default providerRoutes;
