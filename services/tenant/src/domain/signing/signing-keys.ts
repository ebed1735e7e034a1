import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { ACCESS_TOKEN_ALG } from '@plh/service-kit';
import type { SigningKeyRow } from '../../data/signing-key.repository';
import type { TenantUnitOfWork } from '../../data/unit-of-work';
import { sealSecret } from './sealed-secret';

export interface SigningDeps {
  unitOfWork: TenantUnitOfWork;
  /** KEY_ENCRYPTION_KEY: the first seals private keys at rest, each opens them. */
  keks: Buffer[];
  issuer: string;
  audience: string;
  accessTokenTtlSec: number;
}

/** Keys stay published this long after retirement: every token they signed has expired by then. */
const publishWindowMs = (deps: SigningDeps) => (deps.accessTokenTtlSec + 300) * 1000;

async function newKeyRow(deps: SigningDeps) {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  const privateSealed = sealSecret(deps.keks[0]!, JSON.stringify(await exportJWK(privateKey)));
  return { kid, alg: ACCESS_TOKEN_ALG, publicJwk, privateSealed };
}

/** Makes sure a signing key exists (first start). Safe when several replicas start together. */
export async function ensureActiveSigningKey(deps: SigningDeps): Promise<SigningKeyRow> {
  return deps.unitOfWork.system(async ({ signingKeys }) => {
    await signingKeys.lockKeyChanges();
    return (await signingKeys.active()) ?? (await signingKeys.insert(await newKeyRow(deps)));
  });
}

/**
 * Replaces the active key. The old one is retired, not deleted: it stays in the JWKS until its
 * tokens expire, so nobody is logged out by a rotation.
 */
export async function rotateSigningKey(deps: SigningDeps): Promise<{ kid: string; retiredAt: Date }> {
  return deps.unitOfWork.system(async ({ signingKeys, audit }) => {
    await signingKeys.lockKeyChanges();
    const retiredAt = new Date();
    const previous = await signingKeys.active();
    await signingKeys.retireActive(retiredAt);
    const row = await signingKeys.insert(await newKeyRow(deps));
    await audit.record({
      tenantId: null,
      action: 'signing-key.rotate',
      resource: { type: 'signing-key', id: row.kid },
      changes: [{ field: 'activeKid', from: previous?.kid ?? null, to: row.kid }],
    });
    return { kid: row.kid, retiredAt };
  });
}

/** The public keys verifiers accept: the active key and recently retired ones. */
export async function publishedJwks(deps: SigningDeps): Promise<JSONWebKeySet> {
  const since = new Date(Date.now() - publishWindowMs(deps));
  const rows = await deps.unitOfWork.system(({ signingKeys }) => signingKeys.published(since));
  return { keys: rows.map((row) => publicJwkOf(row)) };
}

function publicJwkOf(row: SigningKeyRow): JWK {
  const jwk = row.publicJwk;
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk) || typeof jwk.kty !== 'string') {
    throw new Error(`signing key ${row.kid}: stored public JWK is malformed`);
  }
  return { ...jwk, kty: jwk.kty };
}
