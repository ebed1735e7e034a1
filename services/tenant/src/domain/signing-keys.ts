import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK, type KeyLike } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYPE, type Role } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import { signingKeySystemRepository, type SigningKeyRow } from '../data/signing-key.repository';
import { openSecret, sealSecret } from './sealed-secret';

export interface SigningDeps {
  db: PrismaClient;
  /** KEY_ENCRYPTION_KEY: seals private keys at rest. */
  kek: Buffer;
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
  const privateSealed = sealSecret(deps.kek, JSON.stringify(await exportJWK(privateKey)));
  return { kid, alg: ACCESS_TOKEN_ALG, publicJwk, privateSealed };
}

/** Serialises key changes across replicas (transaction-scoped advisory lock). */
const LOCK = 'SELECT 1 FROM pg_advisory_xact_lock(hashtext($1))';

/** Makes sure a signing key exists (first start). Safe when several replicas start together. */
export async function ensureActiveSigningKey(deps: SigningDeps): Promise<SigningKeyRow> {
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(LOCK, 'plh-signing-key');
    const keys = signingKeySystemRepository(tx);
    return (await keys.active()) ?? (await keys.insert(await newKeyRow(deps)));
  });
}

/**
 * Replaces the active key. The old one is retired, not deleted: it stays in the JWKS until its
 * tokens expire, so nobody is logged out by a rotation.
 */
export async function rotateSigningKey(deps: SigningDeps): Promise<{ kid: string; retiredAt: Date }> {
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(LOCK, 'plh-signing-key');
    const keys = signingKeySystemRepository(tx);
    const retiredAt = new Date();
    await keys.retireActive(retiredAt);
    const row = await keys.insert(await newKeyRow(deps));
    return { kid: row.kid, retiredAt };
  });
}

/** The public keys verifiers accept: the active key and recently retired ones. */
export async function publishedJwks(deps: SigningDeps): Promise<JSONWebKeySet> {
  const rows = await signingKeySystemRepository(deps.db).published(new Date(Date.now() - publishWindowMs(deps)));
  return { keys: rows.map((row) => publicJwkOf(row)) };
}

function publicJwkOf(row: SigningKeyRow): JWK {
  const jwk = row.publicJwk;
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk) || typeof jwk.kty !== 'string') {
    throw new Error(`signing key ${row.kid}: stored public JWK is malformed`);
  }
  return { ...jwk, kty: jwk.kty };
}

export interface AccessTokenClaims {
  userId: string;
  tenantId: string | null;
  role: Role;
}

/**
 * Signs short-lived access tokens with the active key. The imported key is cached and the active
 * kid re-read every 30 s, so a rotation done by another replica is picked up quickly (tokens the
 * old key signs meanwhile still verify: it stays published).
 */
export class AccessTokenIssuer {
  private cached: { kid: string; key: KeyLike | Uint8Array; loadedAt: number } | undefined;

  constructor(private readonly deps: SigningDeps) {}

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date; expiresIn: number }> {
    const { kid, key } = await this.activeKey();
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.deps.accessTokenTtlSec;
    const token = await new SignJWT({ tid: claims.tenantId, role: claims.role })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYPE, kid })
      .setIssuer(this.deps.issuer)
      .setAudience(this.deps.audience)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .sign(key);
    return { token, expiresAt: new Date(exp * 1000), expiresIn: this.deps.accessTokenTtlSec };
  }

  /** Forget the cached key (after a rotation in this process). */
  reset(): void {
    this.cached = undefined;
  }

  private async activeKey() {
    if (this.cached && Date.now() - this.cached.loadedAt < 30_000) return this.cached;
    const row = await ensureActiveSigningKey(this.deps);
    if (this.cached?.kid !== row.kid) {
      const jwk = JSON.parse(openSecret(this.deps.kek, row.privateSealed)) as JWK;
      this.cached = { kid: row.kid, key: await importJWK(jwk, ACCESS_TOKEN_ALG), loadedAt: Date.now() };
    } else {
      this.cached.loadedAt = Date.now();
    }
    return this.cached;
  }
}
