import cors from '@fastify/cors';
import { Pool } from 'undici';
import {
  createAccessTokenVerifier,
  createService,
  ProblemError,
  requestResending,
  createInternalTokenMinter,
  internalSigner,
  type FastifyReply,
  type FastifyRequest,
  type ServiceApp,
} from '@plh/service-kit';
import { createAuthenticator, type ApiKeyLookup, type VerifiedKey } from './authenticate';
import { authorize } from './authorize';
import type { Config } from './config';
import { BadGateway, createProxy } from './proxy';
import { Redis } from 'ioredis';
import { ALL_EVENTS, API_KEYS_VERIFY_SCOPE, EventRegistry } from '@plh/contracts';
import { connectNats, Namespace, watchEvents, type EventWatch } from '@plh/event-bus';
import {
  addressKey,
  memoryRateLimiter,
  redisRateLimiter,
  rateLimitHeaders,
  type RateDecision,
  type RateLimiter,
} from './rate-limit';
import { REVOCATION_EVENTS, Revocations } from './revocations';
import { renderDocsPage } from './docs-page';
import { createOpenApiSource, mergeOpenApi } from './openapi';
import { ROUTES, type ServiceName } from './route-table';
import { securityHeaders } from './security-headers';
import { sessionRewrite } from './session-cookie';
import { serveWebApp } from './web-app';

const API_VERSION = '1.0.0';

export class RateLimited extends ProblemError {
  constructor(name: string, decision: RateDecision) {
    super(429, 'RATE_LIMITED', 'Too many requests', `The ${name} rate limit is used up; see Retry-After.`, undefined, {
      ...rateLimitHeaders(name, decision),
      'retry-after': String(decision.resetSec),
    });
  }
}

/**
 * The one public door: authenticates (user JWT or API key), authorizes from the route table,
 * rate-limits, and proxies with a short-lived internal token describing the caller.
 */
export async function buildApp(config: Config): Promise<ServiceApp> {
  // Its own OpenAPI description would only list proxy routes: it serves the merged one instead.
  // The edge: a load balancer's idle connections must not outlive ours (Fastify's default, 72 s).
  const app = await createService({ name: 'gateway', config, openApi: false, keepAliveTimeoutMs: 72_000 });
  // Bodies pass through untouched (the service validates them); only their size is limited here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  await app.register(cors, {
    origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()),
    credentials: true,
    exposedHeaders: ['x-request-id', 'ratelimit', 'ratelimit-policy', 'retry-after'],
  });
  const secure = securityHeaders({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(secure);
    done();
  });

  const signer = await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK);
  const mint = createInternalTokenMinter(signer);
  const tenantPool = new Pool(config.TENANT_URL, { connections: 16, headersTimeout: config.UPSTREAM_TIMEOUT_MS });
  const lookupApiKey: ApiKeyLookup = async (key) => {
    const token = await mint(
      { kind: 'service', id: 'gateway', tenantId: null, role: null, scopes: [API_KEYS_VERIFY_SCOPE] },
      'tenant',
    );
    const res = await requestResending(
      tenantPool,
      {
        method: 'POST',
        path: '/internal/api-keys/verify',
        headers: { 'content-type': 'application/json', 'x-plh-internal-token': token },
        body: JSON.stringify({ key }),
      },
      // A lookup: repeating it after a lost connection (the tenant service draining) changes nothing.
      { idempotent: true },
    ).catch(() => {
      throw new BadGateway();
    });
    if (res.statusCode === 200) return (await res.body.json()) as VerifiedKey;
    await res.body.dump();
    if (res.statusCode === 401) return null;
    throw new BadGateway();
  };
  let revocations: Revocations | undefined = undefined;
  const authenticate = createAuthenticator(
    createAccessTokenVerifier({
      jwksUrl: config.JWKS_URL ?? `${config.TENANT_URL}/.well-known/jwks.json`,
      issuer: config.TOKEN_ISSUER,
      audience: config.TOKEN_AUDIENCE,
    }),
    lookupApiKey,
    config.API_KEY_CACHE_MS,
    (principal, issuedAt) => revocations?.isRevoked(principal, issuedAt) ?? false,
  );
  revocations = new Revocations(config.ACCESS_TOKEN_MAX_TTL_SEC * 1000, {
    apiKey: authenticate.evictApiKey,
    tenant: authenticate.evictTenant,
  });
  const watch = config.NATS_URL ? await watchRevocations(app, config, revocations) : undefined;
  const limiter = await createRateLimiter(app, config);
  const proxies: Record<ServiceName, ReturnType<typeof createProxy>> = {
    tenant: createProxy(config.TENANT_URL, config.UPSTREAM_TIMEOUT_MS),
    core: createProxy(config.CORE_URL, config.UPSTREAM_TIMEOUT_MS),
    'proof-engine': createProxy(config.PROOF_URL, config.UPSTREAM_TIMEOUT_MS),
    compliance: createProxy(config.COMPLIANCE_URL, config.UPSTREAM_TIMEOUT_MS),
    notification: createProxy(config.NOTIFICATION_URL, config.UPSTREAM_TIMEOUT_MS),
  };
  const limit = async (name: string, key: string, perMin: number, headers: Record<string, string>) => {
    const decision = await limiter.consume(key, perMin);
    if (!decision.allowed) throw new RateLimited(name, decision);
    Object.assign(headers, rateLimitHeaders(name, decision));
  };

  const upstreams: Record<ServiceName, string> = {
    tenant: config.TENANT_URL,
    core: config.CORE_URL,
    'proof-engine': config.PROOF_URL,
    compliance: config.COMPLIANCE_URL,
    notification: config.NOTIFICATION_URL,
  };
  const openApiDocs = createOpenApiSource(upstreams);
  const publicApi = async () => mergeOpenApi(ROUTES, await openApiDocs(), API_VERSION);
  app.get('/api/openapi.json', publicApi);
  app.get('/api/docs', async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      // Inline styles only; no scripts, frames or requests to anywhere.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .send(renderDocsPage(await publicApi())),
  );

  const routeOptions = (rule: (typeof ROUTES)[number]) => ({
    method: rule.method,
    url: rule.path,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const headers: Record<string, string> = {};
      if (rule.loginLimited)
        await limit('login', `ip:${addressKey(req.ip)}`, config.RATE_LIMIT_LOGIN_PER_IP_PER_MIN, headers);
      const auth = rule.access.kind === 'public' ? null : await authenticate(req);
      const denied = authorize(rule.access, auth?.principal ?? null, stringParams(req.params));
      if (denied) throw denied;
      if (auth) {
        const { principal } = auth;
        await limit(
          'tenant',
          principal.tenantId ? `tenant:${principal.tenantId}` : `ops:${principal.id}`,
          config.RATE_LIMIT_TENANT_PER_MIN,
          headers,
        );
        if (principal.kind === 'api_key' && auth.keyRateLimitPerMin)
          await limit('api-key', `key:${principal.id}`, auth.keyRateLimitPerMin, headers);
      }
      reply.headers(headers);
      // The client as this gateway determined it, signed, so services' audit records can trust it.
      const userAgent = req.headers['user-agent'];
      const client = { ip: req.ip, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 256) : null };
      const token = auth ? await mint(auth.principal, rule.service, client) : null;
      // A tenant-less path means the caller's own practice (route-table.ts `ownPractice`).
      const path = rule.ownPractice
        ? `/api/tenants/${auth!.principal.tenantId}${req.url.slice('/api'.length)}`
        : undefined;
      return proxies[rule.service].forward(req, reply, token, {
        path,
        rewrite:
          rule.path.startsWith('/api/auth/') || rule.path === '/api/me/logout-everywhere'
            ? sessionRewrite(req, rule.path, config.REFRESH_COOKIE_MAX_AGE_SEC)
            : null,
        replaysIdempotencyKey: rule.replaysIdempotencyKey ?? false,
      });
    },
  });
  for (const rule of ROUTES.filter((r) => !r.stream)) app.route(routeOptions(rule));
  if (config.WEB_DIST_DIR) serveWebApp(app, config.WEB_DIST_DIR);
  // Uploads: the body is handed to the service as a stream (proxy.ts reads a small one whole, once the
  // request is authorized).
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    for (const rule of ROUTES.filter((r) => r.stream)) uploads.route(routeOptions(rule));
  });
  app.addHook('onClose', async () => {
    await watch?.stop();
    await limiter.close?.();
    await Promise.all([tenantPool.close(), ...Object.values(proxies).map((p) => p.close())]);
  });
  return app;
}

async function createRateLimiter(app: ServiceApp, config: Config): Promise<RateLimiter> {
  if (!config.REDIS_URL) return memoryRateLimiter();
  // Fail fast instead of queueing: a request must not wait on a Redis that is down (see redisRateLimiter).
  const redis = new Redis(config.REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    lazyConnect: false,
    disconnectTimeout: 200,
  });
  let warned = 0;
  redis.on('error', () => undefined); // reported through onUnavailable, once a minute at most
  // Give Redis a moment to connect before the first request; a gateway still starts without it.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redisRateLimiter(redis, {
    onUnavailable: () => {
      if (Date.now() - warned < 60_000) return;
      warned = Date.now();
      app.log.warn('Redis unavailable: rate limits counted per replica until it is back');
    },
  });
}

async function watchRevocations(app: ServiceApp, config: Config, revocations: Revocations): Promise<EventWatch> {
  const { nc } = await connectNats(config.NATS_URL!, 'plh-gateway');
  const registry = new EventRegistry(ALL_EVENTS);
  const watch = watchEvents(nc, new Namespace(config.EVENT_NAMESPACE), registry, REVOCATION_EVENTS, (event) =>
    revocations.apply(event),
  );
  return {
    stop: async () => {
      await watch.stop();
      await nc.drain().catch(() => undefined);
    },
  };
}

function stringParams(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
