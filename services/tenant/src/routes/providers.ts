import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { addProvider } from '../domain/providers/add-provider';
import { listProviders } from '../domain/providers/list-providers';
import { removeProvider } from '../domain/providers/remove-provider';
import { updateProvider } from '../domain/providers/update-provider';
import { assertTenantAccess } from './tenant-access';

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
  lastName: Type.String(),
  dateOfBirth: Type.String({ format: 'date' }),
  licenseState: Type.String(),
  licenseNumber: Type.String(),
  specialty: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const READERS = ['owner', 'approver', 'viewer', 'ops_admin', 'ops_agent'] as const;
const WRITERS = ['owner', 'ops_admin'] as const;

/** The practice's provider roster (the compliance service screens it). */
const providerRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/providers',
    {
      schema: {
        summary: 'List the provider roster',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(ProviderView) }), ...errors },
      },
    },
    async (req) => {
      assertTenantAccess(principalOf(req), req.params.tenantId, READERS);
      return { items: await listProviders(deps, req.params.tenantId) };
    },
  );
  app.post(
    '/api/tenants/:tenantId/providers',
    {
      schema: {
        summary: 'Add a provider to the roster',
        params: TenantParams,
        body: ProviderBody,
        response: { 201: ProviderView, ...errors },
      },
    },
    async (req, reply) => {
      assertTenantAccess(principalOf(req), req.params.tenantId, WRITERS);
      return reply.code(201).send(await addProvider(deps, req.params.tenantId, req.body));
    },
  );
  app.put(
    '/api/tenants/:tenantId/providers/:providerId',
    {
      schema: {
        summary: 'Replace a provider’s details',
        params: ProviderParams,
        body: ProviderBody,
        response: { 200: ProviderView, ...errors },
      },
    },
    async (req) => {
      assertTenantAccess(principalOf(req), req.params.tenantId, WRITERS);
      return updateProvider(deps, req.params.tenantId, req.params.providerId, req.body);
    },
  );
  app.delete(
    '/api/tenants/:tenantId/providers/:providerId',
    {
      schema: {
        summary: 'Remove a provider from the roster',
        params: ProviderParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      assertTenantAccess(principalOf(req), req.params.tenantId, WRITERS);
      await removeProvider(deps, req.params.tenantId, req.params.providerId);
      return reply.code(204).send(null);
    },
  );
};
export default providerRoutes;
