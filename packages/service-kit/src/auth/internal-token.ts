import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  errors,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type KeyLike,
} from 'jose';
import { keyOwner, PRINCIPAL_ISSUER, SERVICE_SCOPES } from '@plh/contracts';
import { Unauthorized } from '../problem';
import { isRole, type Role } from './access-token';
import { VerifiedCache } from './verified-cache';

/**
 * The token the gateway puts on every proxied request (and services put on calls to each other):
 * who the caller is, already authenticated. Services accept requests only with a valid one,
 * never a bare header. Short-lived (60 s), addressed to one service (`aud`), EdDSA-signed.
 */
export const INTERNAL_TOKEN_HEADER = 'x-plh-internal-token';
export const INTERNAL_TOKEN_TYPE = 'plh-internal+jwt';
export const INTERNAL_ISSUER = 'plh-internal';

/** The caller's address and user agent as the gateway saw them, signed into the token for audit records. */
export interface SignedClient {
  ip: string | null;
  userAgent: string | null;
}

export type Principal = (
  | { kind: 'user'; id: string; tenantId: string | null; role: Role; scopes: [] }
  | { kind: 'api_key'; id: string; tenantId: string; role: null; scopes: string[] }
  | { kind: 'service'; id: string; tenantId: null; role: null; scopes: string[] }
) & { client?: SignedClient };

export interface InternalSigner {
  kid: string;
  key: KeyLike | Uint8Array;
}

export async function signInternalToken(
  signer: InternalSigner,
  principal: Principal,
  audience: string,
  ttlSec = 60,
  client?: SignedClient,
): Promise<string> {
  const claims = { kind: principal.kind, tid: principal.tenantId, role: principal.role, scopes: principal.scopes };
  return new SignJWT(client ? { ...claims, cip: client.ip, cua: client.userAgent } : claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: INTERNAL_TOKEN_TYPE, kid: signer.kid })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(audience)
    .setSubject(principal.id)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ttlSec}s`)
    .sign(signer.key);
}

export type InternalTokenVerifier = (token: string) => Promise<Principal>;

/**
 * May the owner of the signing key assert this principal? The gateway's key speaks for users and
 * API keys and for the gateway itself; any other service's key only for that service, with no
 * scope beyond its own (SERVICE_SCOPES in @plh/contracts).
 */
export function keyMayAssert(owner: string | null, principal: Principal): boolean {
  if (owner === null) return false;
  if (principal.kind !== 'service') return owner === PRINCIPAL_ISSUER;
  const allowed = SERVICE_SCOPES[owner] ?? [];
  return principal.id === owner && principal.scopes.every((scope) => allowed.includes(scope));
}

/**
 * Verifies internal tokens addressed to `audience` (this service) with the platform's internal keys,
 * and that the key which signed a token may speak for the principal it names (keyMayAssert).
 */
export function createInternalTokenVerifier(input: { jwks: JSONWebKeySet; audience: string }): InternalTokenVerifier {
  const keys = createLocalJWKSet(input.jwks);
  const cache = new VerifiedCache<{ principal: Principal; expiresAt: Date }>();
  return async (token) => {
    const cached = cache.get(token);
    if (cached) return cached.principal;
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        algorithms: ['EdDSA'],
        typ: INTERNAL_TOKEN_TYPE,
        issuer: INTERNAL_ISSUER,
        audience: input.audience,
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp', 'jti'],
      });
      const principal = principalOf(payload.kind, String(payload.sub), payload.tid, payload.role, payload.scopes);
      if (principal && ('cip' in payload || 'cua' in payload))
        principal.client = signedClientOf(payload.cip, payload.cua);
      if (principal && keyMayAssert(keyOwner(protectedHeader.kid), principal)) {
        cache.set(token, { principal, expiresAt: new Date(Number(payload.exp) * 1000) });
        return principal;
      }
    } catch (err) {
      if (!(err instanceof errors.JOSEError)) throw err;
    }
    throw new Unauthorized('The request did not come through the gateway.');
  };
}

const nullableString = (value: unknown, max: number): string | null =>
  typeof value === 'string' ? value.slice(0, max) : null;
const signedClientOf = (ip: unknown, userAgent: unknown): SignedClient => ({
  ip: nullableString(ip, 64),
  userAgent: nullableString(userAgent, 256),
});

function principalOf(kind: unknown, id: string, tid: unknown, role: unknown, scopes: unknown): Principal | null {
  const scopeList = Array.isArray(scopes) && scopes.every((s) => typeof s === 'string') ? scopes : null;
  if (kind === 'user' && isRole(role) && (tid === null || typeof tid === 'string')) {
    return { kind, id, tenantId: tid, role, scopes: [] };
  }
  if (kind === 'api_key' && typeof tid === 'string' && scopeList)
    return { kind, id, tenantId: tid, role: null, scopes: scopeList };
  if (kind === 'service' && tid === null && scopeList)
    return { kind, id, tenantId: null, role: null, scopes: scopeList };
  return null;
}

/**
 * Signs internal tokens once per (principal, audience) and reuses each while more than half of its
 * lifetime is left: a 60 s token is re-signed every 30 s per caller instead of on every request.
 */
export function createInternalTokenMinter(signer: InternalSigner, ttlSec = 60) {
  const minted = new Map<string, { token: string; reuseUntil: number }>();
  return async (principal: Principal, audience: string, client?: SignedClient): Promise<string> => {
    const key = `${audience}|${principal.kind}|${principal.id}|${principal.tenantId}|${principal.role}|${principal.scopes.join(',')}|${client?.ip}|${client?.userAgent}`;
    const hit = minted.get(key);
    if (hit && hit.reuseUntil > Date.now()) return hit.token;
    const token = await signInternalToken(signer, principal, audience, ttlSec, client);
    if (minted.size >= 10_000) minted.clear();
    minted.set(key, { token, reuseUntil: Date.now() + (ttlSec * 1000) / 2 });
    return token;
  };
}

/**
 * INTERNAL_TOKEN_JWKS as a key set: every key's `kid` must name the service it belongs to
 * (`gateway:…`, `core:…`, `proof-engine:…`). A clear error at start-up otherwise.
 */
export function parseJwks(json: string): JSONWebKeySet {
  const parsed: unknown = JSON.parse(json);
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new Error('INTERNAL_TOKEN_JWKS must be a JSON Web Key Set ({"keys":[...]})');
  }
  const jwks = parsed as JSONWebKeySet;
  const unowned = jwks.keys.filter((key) => keyOwner(key.kid) === null).map((key) => String(key.kid));
  if (unowned.length)
    throw new Error(
      `INTERNAL_TOKEN_JWKS: every kid must be "<service>:<id>" with service one of ${Object.keys(SERVICE_SCOPES).join(', ')} (got ${unowned.join(', ')})`,
    );
  return jwks;
}

/** INTERNAL_TOKEN_PRIVATE_JWK (an Ed25519 private JWK with a kid) as a signer of internal/service tokens. */
export async function internalSigner(privateJwkJson: string): Promise<InternalSigner> {
  const jwk = JSON.parse(privateJwkJson) as JWK;
  if (typeof jwk.kid !== 'string' || !jwk.d)
    throw new Error('INTERNAL_TOKEN_PRIVATE_JWK must be a private JWK with a kid');
  if (keyOwner(jwk.kid) === null)
    throw new Error(`INTERNAL_TOKEN_PRIVATE_JWK: its kid must be "<service>:<id>" (got ${jwk.kid})`);
  return { kid: jwk.kid, key: await importJWK(jwk, 'EdDSA') };
}
