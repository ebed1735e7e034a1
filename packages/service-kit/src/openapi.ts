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
  // Upload routes read their body as a stream (no body schema to validate); their `config.requestBody`
  // is added to the document here.
  const bodies = new Map<string, Record<string, unknown>>();
  app.addHook('onRoute', (route) => {
    if (!route.config?.requestBody) return;
    for (const method of [route.method].flat())
      bodies.set(`${method.toLowerCase()} ${route.url.replace(/:(\w+)/g, '{$1}')}`, route.config.requestBody);
  });
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
    transformObject: (doc) => {
      if (!('openapiObject' in doc)) return doc.swaggerObject;
      for (const [path, operations] of Object.entries(doc.openapiObject.paths ?? {}))
        for (const [method, operation] of Object.entries(operations ?? {})) {
          const body = bodies.get(`${method} ${path}`);
          if (body && operation && typeof operation === 'object') Object.assign(operation, { requestBody: body });
        }
      return doc.openapiObject;
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
