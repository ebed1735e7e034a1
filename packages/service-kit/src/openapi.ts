import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Paths a service serves to the platform, not to customers: never in its public API description. */
const PRIVATE_PATHS = /^\/(healthz|readyz|openapi\.json|internal\/)/;

/**
 * Describes every route the service registers afterwards as OpenAPI 3.1, from the same TypeBox schemas
 * that validate requests, and serves it at `GET /openapi.json`. The gateway merges these documents
 * into the public one (`/api/openapi.json`), keeping only the routes of its route table.
 */
export async function registerOpenApi(app: FastifyInstance, serviceName: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `PatientLetterHub ${serviceName} service`, version: '1.0.0' },
    },
    // Shared schemas keep their $id as their name (`Problem`), instead of def-0, def-1...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transform: ({ schema, url }) => ({
      schema: PRIVATE_PATHS.test(url) ? { ...schema, hide: true } : schema,
      url,
    }),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
