import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, SignJWT, type JSONWebKeySet, type KeyLike } from 'jose';
import { Unauthorized } from '../problem';
import { isRole, type Role } from './access-token';

/**
 * The token the gateway puts on every proxied request (and services put on calls to each other):
 * who the caller is, already authenticated. Services accept requests only with a valid one,
 * never a bare header. Short-lived (60 s), addressed to one service (`aud`), EdDSA-signed.
 */
export const INTERNAL_TOKEN_HEADER = 'x-plh-internal-token';
export const INTERNAL_TOKEN_TYPE = 'plh-internal+jwt';
export const INTERNAL_ISSUER = 'plh-internal';

export type Principal =
  | { kind: 'user'; id: string; tenantId: string | null; role: Role; scopes: [] }
  | { kind: 'api_key'; id: string; tenantId: string; role: null; scopes: string[] }
  | { kind: 'service'; id: string; tenantId: null; role: null; scopes: string[] };

export interface InternalSigner {
  kid: string;
  key: KeyLike | Uint8Array;
}

export async function signInternalToken(
  signer: InternalSigner,
  principal: Principal,
  audience: string,
  ttlSec = 60,
): Promise<string> {
  return new SignJWT({ kind: principal.kind, tid: principal.tenantId, role: principal.role, scopes: principal.scopes })
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

/** Verifies internal tokens addressed to `audience` (this service) with the platform's internal keys. */
export function createInternalTokenVerifier(input: { jwks: JSONWebKeySet; audience: string }): InternalTokenVerifier {
  const keys = createLocalJWKSet(input.jwks);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['EdDSA'],
        typ: INTERNAL_TOKEN_TYPE,
        issuer: INTERNAL_ISSUER,
        audience: input.audience,
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp', 'jti'],
      });
      const principal = principalOf(payload.kind, String(payload.sub), payload.tid, payload.role, payload.scopes);
      if (principal) return principal;
    } catch (err) {
      if (!(err instanceof errors.JOSEError)) throw err;
    }
    throw new Unauthorized('The request did not come through the gateway.');
  };
}

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
