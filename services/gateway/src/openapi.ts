import { request } from 'undici';
import { tenantPathOf, type RouteRule, type ServiceName } from './route-table';

type Json = Record<string, unknown>;
interface OpenApiDoc {
  paths?: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface PublicApiDocument {
  openapi: '3.1.0';
  info: Json;
  servers: Json[];
  tags: Json[];
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Json };
}

const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /api/auth/login (15 minutes; renew with POST /api/auth/refresh).',
  },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'A practice API key (plh_live_…); `Authorization: Bearer plh_live_…` works too.',
  },
};

/** `/api/tenants/:tenantId/x` → `/api/tenants/{tenantId}/x`; a wildcard `*` → `{*}` (as @fastify/swagger names it). */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}');

/**
 * The public API: each service's own description (GET /openapi.json, generated from its validation
 * schemas), reduced to the operations the route table exposes, with the gateway's part added: who may
 * call (security, roles, scopes) and the answers the gateway itself gives (401, 403, 404, 429, 502).
 * A route the service does not describe still appears, marked, so the table and the document agree.
 */
export function mergeOpenApi(
  routes: readonly RouteRule[],
  docs: Partial<Record<ServiceName, OpenApiDoc>>,
  version: string,
): PublicApiDocument {
  const out: PublicApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'PatientLetterHub API',
      version,
      description:
        'Every call goes through the gateway. Errors are RFC 9457 `application/problem+json`. ' +
        'Limits are announced in `RateLimit` / `RateLimit-Policy` headers; a 429 carries `Retry-After`.',
    },
    servers: [{ url: '/' }],
    tags: [],
    paths: {},
    components: { schemas: {}, securitySchemes: SECURITY_SCHEMES },
  };
  const renamed = mergeSchemas(out.components.schemas, docs);
  for (const rule of routes) {
    const path = openApiPath(rule.path);
    const method = rule.method.toLowerCase();
    const servicePath = rule.ownPractice ? openApiPath(tenantPathOf(rule.path)) : path;
    const described = docs[rule.service]?.paths?.[servicePath]?.[method];
    const operation: Json = described
      ? (rewriteRefs(rule.ownPractice ? withoutTenantParam(described) : described, renamed[rule.service] ?? {}) as Json)
      : { summary: 'Not described by its service', 'x-plh-undescribed': true, responses: {} };
    out.paths[path] ??= {};
    out.paths[path][method] = withAccess(operation, rule);
  }
  out.tags = [...new Set(routes.map((r) => r.service))].map((name) => ({
    name,
    description: docs[name] ? `Served by the ${name} service` : `The ${name} service did not answer; details missing`,
  }));
  return out;
}

/** The service's operation as the tenant-less alias shows it: no `tenantId` path parameter. */
function withoutTenantParam(operation: Json): Json {
  const parameters = (operation.parameters as Array<{ in?: string; name?: string }> | undefined) ?? [];
  return {
    ...operation,
    summary: `${String(operation.summary ?? '')} (your own practice)`,
    parameters: parameters.filter((p) => !(p.in === 'path' && p.name === 'tenantId')),
  };
}

function withAccess(operation: Json, rule: RouteRule): Json {
  const responses = { ...(operation.responses as Json) };
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  responses['429'] ??= problem('Rate limit used up; see Retry-After');
  responses['502'] ??= problem('The service behind this route did not answer');
  const access = rule.access;
  if (access.kind === 'public') {
    return { ...operation, tags: [rule.service], security: [], responses };
  }
  responses['401'] ??= problem('Missing, expired or revoked credentials');
  responses['403'] ??= problem('Authenticated, but the role or API-key scope does not allow this');
  if (access.tenantParam) responses['404'] ??= problem('Not found (also for another practice’s resources)');
  const who = [
    `Roles: ${access.roles.join(', ')}.`,
    access.scopes.length ? `API-key scopes: ${access.scopes.join(' or ')}.` : 'Not open to API keys.',
    access.tenantParam ? `Practice users and keys only reach their own \`${access.tenantParam}\`.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ...operation,
    tags: [rule.service],
    description: [operation.description, who].filter(Boolean).join('\n\n'),
    security: [{ bearerAuth: [] }, ...(access.scopes.length ? [{ apiKey: [] }] : [])],
    'x-plh-roles': access.roles,
    'x-plh-scopes': access.scopes,
    responses,
  };
}

/**
 * Copies every service's component schemas into one map. Identical schemas under one name (the shared
 * `Problem`) are kept once; a name two services use differently becomes `<service>.<name>`.
 */
function mergeSchemas(
  target: Record<string, unknown>,
  docs: Partial<Record<ServiceName, OpenApiDoc>>,
): Partial<Record<ServiceName, Record<string, string>>> {
  const renamed: Partial<Record<ServiceName, Record<string, string>>> = {};
  for (const [service, doc] of Object.entries(docs) as [ServiceName, OpenApiDoc][]) {
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      if (!(name in target) || JSON.stringify(target[name]) === JSON.stringify(schema)) {
        target[name] = schema;
      } else {
        const alias = `${service}.${name}`;
        target[alias] = schema;
        (renamed[service] ??= {})[name] = alias;
      }
    }
  }
  for (const map of Object.values(renamed)) {
    for (const alias of Object.values(map)) target[alias] = rewriteRefs(target[alias], map);
  }
  return renamed;
}

function rewriteRefs(value: unknown, renamed: Record<string, string>): unknown {
  if (Object.keys(renamed).length === 0) return value;
  return JSON.parse(
    JSON.stringify(value).replace(/"#\/components\/schemas\/([^"]+)"/g, (whole, name: string) =>
      renamed[name] ? `"#/components/schemas/${renamed[name]}"` : whole,
    ),
  );
}

/** Fetches each service's document, keeping the last good one for `ttlMs`; a silent service is left out. */
export function createOpenApiSource(upstreams: Record<ServiceName, string>, ttlMs = 60_000) {
  let cached: { at: number; docs: Partial<Record<ServiceName, OpenApiDoc>> } | undefined;
  return async (): Promise<Partial<Record<ServiceName, OpenApiDoc>>> => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.docs;
    const docs: Partial<Record<ServiceName, OpenApiDoc>> = {};
    await Promise.all(
      (Object.entries(upstreams) as [ServiceName, string][]).map(async ([service, baseUrl]) => {
        try {
          const res = await request(`${baseUrl}/openapi.json`, { headersTimeout: 2_000, bodyTimeout: 2_000 });
          if (res.statusCode === 200) docs[service] = (await res.body.json()) as OpenApiDoc;
          else await res.body.dump();
        } catch {
          // left out: the merged document says which service is missing
        }
      }),
    );
    const complete = Object.keys(docs).length === Object.keys(upstreams).length;
    if (complete) cached = { at: Date.now(), docs };
    return docs;
  };
}
