import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { importJWK, type JWK } from 'jose';
import { Pool } from 'undici';
import {
  createAccessTokenVerifier,
  createService,
  ProblemError,
  createInternalTokenMinter,
  type InternalSigner,
  type ServiceApp,
} from '@plh/service-kit';
import { createAuthenticator, type ApiKeyLookup, type VerifiedKey } from './authenticate';
import { authorize } from './authorize';
import type { Config } from './config';
import { BadGateway, createProxy } from './proxy';
import { MemoryRateLimiter, rateLimitHeaders, type RateDecision } from './rate-limit';
import { ROUTES, type ServiceName } from './route-table';

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
  const app = await createService({ name: 'gateway', config });
  // Bodies pass through untouched (the service validates them); only their size is limited here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  await app.register(cors, {
    origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()),
    credentials: true,
    exposedHeaders: ['x-request-id', 'ratelimit', 'ratelimit-policy', 'retry-after'],
  });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });

  const signer = await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK);
  const mint = createInternalTokenMinter(signer);
  const tenantPool = new Pool(config.TENANT_URL, { connections: 16, headersTimeout: config.UPSTREAM_TIMEOUT_MS });
  const lookupApiKey: ApiKeyLookup = async (key) => {
    const token = await mint(
      { kind: 'service', id: 'gateway', tenantId: null, role: null, scopes: ['api-keys:verify'] },
      'tenant',
    );
    const res = await tenantPool
      .request({
        method: 'POST',
        path: '/internal/api-keys/verify',
        headers: { 'content-type': 'application/json', 'x-plh-internal-token': token },
        body: JSON.stringify({ key }),
      })
      .catch(() => {
        throw new BadGateway();
      });
    if (res.statusCode === 200) return (await res.body.json()) as VerifiedKey;
    await res.body.dump();
    if (res.statusCode === 401) return null;
    throw new BadGateway();
  };
  const authenticate = createAuthenticator(
    createAccessTokenVerifier({
      jwksUrl: config.JWKS_URL ?? `${config.TENANT_URL}/.well-known/jwks.json`,
      issuer: config.TOKEN_ISSUER,
      audience: config.TOKEN_AUDIENCE,
    }),
    lookupApiKey,
    config.API_KEY_CACHE_MS,
  );
  const limiter = new MemoryRateLimiter();
  const proxies: Record<ServiceName, ReturnType<typeof createProxy>> = {
    tenant: createProxy(config.TENANT_URL, config.UPSTREAM_TIMEOUT_MS),
  };
  const limit = (name: string, key: string, perMin: number, headers: Record<string, string>) => {
    const decision = limiter.consume(key, perMin);
    if (!decision.allowed) throw new RateLimited(name, decision);
    Object.assign(headers, rateLimitHeaders(name, decision));
  };

  for (const rule of ROUTES) {
    app.route({
      method: rule.method,
      url: rule.path,
      handler: async (req, reply) => {
        const headers: Record<string, string> = {};
        if (rule.loginLimited) limit('login', `ip:${req.ip}`, config.RATE_LIMIT_LOGIN_PER_IP_PER_MIN, headers);
        const auth = rule.access.kind === 'public' ? null : await authenticate(req);
        const denied = authorize(rule.access, auth?.principal ?? null, stringParams(req.params));
        if (denied) throw denied;
        if (auth) {
          const { principal } = auth;
          limit(
            'tenant',
            principal.tenantId ? `tenant:${principal.tenantId}` : `ops:${principal.id}`,
            config.RATE_LIMIT_TENANT_PER_MIN,
            headers,
          );
          if (principal.kind === 'api_key' && auth.keyRateLimitPerMin)
            limit('api-key', `key:${principal.id}`, auth.keyRateLimitPerMin, headers);
        }
        reply.headers(headers);
        const token = auth ? await mint(auth.principal, rule.service) : null;
        return proxies[rule.service].forward(req, reply, token);
      },
    });
  }
  app.addHook('onClose', async () => {
    await Promise.all([tenantPool.close(), ...Object.values(proxies).map((p) => p.close())]);
  });
  return app;
}

async function internalSigner(privateJwkJson: string): Promise<InternalSigner> {
  const jwk = JSON.parse(privateJwkJson) as JWK;
  if (typeof jwk.kid !== 'string' || !jwk.d)
    throw new Error('INTERNAL_TOKEN_PRIVATE_JWK must be a private JWK with a kid');
  return { kid: jwk.kid, key: await importJWK(jwk, 'EdDSA') };
}

function stringParams(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
