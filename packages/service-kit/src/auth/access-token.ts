import { CUSTOMER_ROLES, OPS_ROLES, type Role } from '@plh/contracts';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { Unauthorized } from '../problem';
import { VerifiedCache } from './verified-cache';

/** Roles of the platform (defined with the access rules in @plh/contracts). */
export { CUSTOMER_ROLES, OPS_ROLES, type Role };
const ROLES: readonly string[] = [...CUSTOMER_ROLES, ...OPS_ROLES];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLES.includes(value);
}

export function isOpsRole(role: Role): boolean {
  return (OPS_ROLES as readonly string[]).includes(role);
}

/** The one signature algorithm accepted. Anything else (none, HS256 with the public key as secret, RS256) is refused. */
export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TYPE = 'at+jwt'; // RFC 9068 access token type, so an ID or refresh token cannot pass for one

/** Who a verified access token speaks for. `tenantId` is null for ops users. */
export interface AccessPrincipal {
  userId: string;
  tenantId: string | null;
  role: Role;
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Where the tenant service publishes its keys; fetched, cached, and refetched on an unknown `kid`. */
  jwksUrl?: string;
  /** Or a key set in hand (tests, or a service that holds the keys itself). */
  jwks?: JSONWebKeySet;
  /** Allowed clock skew between issuer and verifier. */
  clockToleranceSec?: number;
}

export type AccessTokenVerifier = (token: string) => Promise<AccessPrincipal>;

/**
 * Verifies user access tokens: EdDSA only, `typ` at+jwt, `kid` must name a published key, issuer
 * and audience must match, `exp`/`nbf` enforced. Every failure is the same 401 problem, so a caller
 * learns nothing about which check failed. See: https://www.rfc-editor.org/rfc/rfc8725 (JWT BCP).
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const keys = options.jwks
    ? createLocalJWKSet(options.jwks)
    : options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
      : undefined;
  if (!keys) throw new Error('createAccessTokenVerifier: give jwksUrl or jwks');
  const cache = new VerifiedCache<AccessPrincipal>();
  return async (token) => {
    const cached = cache.get(token);
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALG],
        typ: ACCESS_TOKEN_TYPE,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSec ?? 5,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch (err) {
      if (err instanceof errors.JOSEError) throw new Unauthorized('The access token is not valid.');
      throw err;
    }
    const principal = principalOf(payload);
    cache.set(token, principal);
    return principal;
  };
}

/** The claim with the issue time in milliseconds (`iat` has whole seconds). */
export const ISSUED_AT_MS_CLAIM = 'iat_ms';

/**
 * When the token was issued, to the millisecond when the issuer says so within `iat`'s second: a
 * revocation at 12:00:00.700 then cuts a token of 12:00:00.500 and spares a login at 12:00:00.800.
 */
function issuedAtMs(payload: JWTPayload): number {
  const seconds = Number(payload.iat) * 1000;
  const ms = payload[ISSUED_AT_MS_CLAIM];
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= seconds && ms < seconds + 1000 ? ms : seconds;
}

function principalOf(payload: JWTPayload): AccessPrincipal {
  const role = payload.role;
  const tenantId = payload.tid;
  if (!isRole(role)) throw new Unauthorized('The access token is not valid.');
  if (tenantId !== null && typeof tenantId !== 'string') throw new Unauthorized('The access token is not valid.');
  // A customer token must name its tenant; an ops token must not (ops act across tenants by role).
  if (isOpsRole(role) !== (tenantId === null)) throw new Unauthorized('The access token is not valid.');
  return {
    userId: String(payload.sub),
    tenantId,
    role,
    tokenId: String(payload.jti),
    issuedAt: new Date(issuedAtMs(payload)),
    expiresAt: new Date(Number(payload.exp) * 1000),
  };
}
