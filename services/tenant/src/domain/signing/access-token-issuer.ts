import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYPE, ISSUED_AT_MS_CLAIM, type Role } from '@plh/service-kit';
import { openSecret } from './sealed-secret';
import { ensureActiveSigningKey, type SigningDeps } from './signing-keys';

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
    const nowMs = Date.now();
    const now = Math.floor(nowMs / 1000);
    const exp = now + this.deps.accessTokenTtlSec;
    // iat_ms: the gateway's revocations compare to the millisecond (a change and a login in one second).
    const token = await new SignJWT({ tid: claims.tenantId, role: claims.role, [ISSUED_AT_MS_CLAIM]: nowMs })
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
      const jwk = JSON.parse(openSecret(this.deps.keks, row.privateSealed)) as JWK;
      this.cached = { kid: row.kid, key: await importJWK(jwk, ACCESS_TOKEN_ALG), loadedAt: Date.now() };
    } else {
      this.cached.loadedAt = Date.now();
    }
    return this.cached;
  }
}
