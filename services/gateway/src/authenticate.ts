import { createHash } from 'node:crypto';
import type { FastifyRequest } from '@plh/service-kit';
import { Unauthorized, type AccessTokenVerifier, type Principal } from '@plh/service-kit';

export interface VerifiedKey {
  apiKeyId: string;
  tenantId: string;
  scopes: string[];
  rateLimitPerMin: number;
}

/** Asks the tenant service about a presented API key; null when it is not valid. */
export type ApiKeyLookup = (key: string) => Promise<VerifiedKey | null>;

export interface Authenticated {
  principal: Principal;
  /** The API key's own limit, when the caller is a key. */
  keyRateLimitPerMin?: number;
}

/**
 * Who is calling: `Authorization: Bearer <jwt>`, `Authorization: Bearer plh_live_…` or
 * `X-API-Key: plh_live_…`. Returns null when no credentials are given; a bad credential is 401.
 * API-key answers are cached briefly (API_KEY_CACHE_MS), so a revoked key stops working within it.
 */
export interface Authenticator {
  (req: FastifyRequest): Promise<Authenticated | null>;
  /** Drops cached verdicts of a key (revoked) or of every key of a tenant (suspended). */
  evictApiKey(apiKeyId: string): void;
  evictTenant(tenantId: string): void;
}

export function createAuthenticator(
  verifyJwt: AccessTokenVerifier,
  lookup: ApiKeyLookup,
  cacheMs: number,
  isRevoked: (principal: Principal, issuedAt: Date) => boolean = () => false,
): Authenticator {
  const cache = new Map<string, { until: number; key: VerifiedKey | null }>();
  const evictWhere = (match: (key: VerifiedKey) => boolean) => {
    for (const [id, entry] of cache) if (entry.key && match(entry.key)) cache.delete(id);
  };
  const cachedLookup = async (key: string) => {
    const id = createHash('sha256').update(key).digest('hex');
    const hit = cache.get(id);
    if (hit && hit.until > Date.now()) return hit.key;
    const verified = await lookup(key);
    if (cache.size > 10_000) cache.clear(); // bounded; a miss only costs one lookup
    cache.set(id, { until: Date.now() + (verified ? cacheMs : Math.min(cacheMs, 5_000)), key: verified });
    return verified;
  };

  const authenticate = async (req: FastifyRequest): Promise<Authenticated | null> => {
    const header = req.headers.authorization;
    const apiKeyHeader = req.headers['x-api-key'];
    let credential: string | undefined;
    if (typeof header === 'string') {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new Unauthorized('Use "Authorization: Bearer <token>".');
      credential = match[1];
    } else if (typeof apiKeyHeader === 'string') {
      credential = apiKeyHeader.trim();
    }
    if (!credential) return null;
    if (credential.startsWith('plh_')) {
      const key = await cachedLookup(credential);
      if (!key) throw new Unauthorized('The API key is not valid.');
      return {
        principal: { kind: 'api_key', id: key.apiKeyId, tenantId: key.tenantId, role: null, scopes: key.scopes },
        keyRateLimitPerMin: key.rateLimitPerMin,
      };
    }
    const user = await verifyJwt(credential);
    const principal: Principal = {
      kind: 'user',
      id: user.userId,
      tenantId: user.tenantId,
      role: user.role,
      scopes: [],
    };
    if (isRevoked(principal, user.issuedAt)) throw new Unauthorized('The access token was revoked; refresh it.');
    return { principal };
  };
  return Object.assign(authenticate, {
    evictApiKey: (apiKeyId: string) => evictWhere((k) => k.apiKeyId === apiKeyId),
    evictTenant: (tenantId: string) => evictWhere((k) => k.tenantId === tenantId),
  });
}
