import { ApiKeyRevoked, TenantSuspended, UserChanged, type EventEnvelope } from '@plh/contracts';
import type { Principal } from '@plh/service-kit';

/** The event types the gateway listens to (best effort, see watchEvents). */
export const REVOCATION_EVENTS = [ApiKeyRevoked.type, TenantSuspended.type, UserChanged.type];

/**
 * Access tokens are stateless and live up to ACCESS_TOKEN_TTL_SEC (≤ 15 min). When the tenant service
 * suspends a tenant or changes a user's role or status, the gateway hears it and refuses tokens of that
 * tenant/user issued before the change, so a suspension takes effect at once instead of at expiry; the
 * web app's refresh then gets a fresh token (with the new role) or is refused (suspended).
 * API keys have no such window: their cached verdicts are evicted instead.
 * Kept in memory: a restarted gateway forgets, and falls back to token expiry, the documented bound.
 */
export class Revocations {
  /** `user:<id>` / `tenant:<id>` → epoch ms; tokens issued before it are refused. */
  private readonly revokedBefore = new Map<string, number>();

  constructor(
    private readonly maxTokenLifetimeMs: number,
    private readonly evict: { apiKey(id: string): void; tenant(id: string): void },
  ) {}

  apply(event: EventEnvelope): void {
    // Tokens carry their issue time in milliseconds (`iat_ms`): one issued before the change is cut,
    // a login right after it works, even within the same second.
    const at = Date.parse(event.occurredAt);
    if (event.type === ApiKeyRevoked.type) {
      this.evict.apiKey(String(event.data.apiKeyId));
    } else if (event.type === TenantSuspended.type) {
      this.mark(`tenant:${String(event.data.tenantId)}`, at);
      this.evict.tenant(String(event.data.tenantId));
    } else if (event.type === UserChanged.type) {
      this.mark(`user:${String(event.data.userId)}`, at);
    }
  }

  /** Whether a user token issued at `issuedAt` was cut off by a later change. */
  isRevoked(principal: Principal, issuedAt: Date): boolean {
    const issued = issuedAt.getTime();
    const cut = (key: string) => (this.revokedBefore.get(key) ?? -Infinity) > issued;
    return cut(`user:${principal.id}`) || (principal.tenantId !== null && cut(`tenant:${principal.tenantId}`));
  }

  private mark(key: string, at: number): void {
    this.revokedBefore.set(key, Math.max(at, this.revokedBefore.get(key) ?? 0));
    // Entries older than any token's lifetime cut nothing any more.
    const horizon = Date.now() - this.maxTokenLifetimeMs;
    if (this.revokedBefore.size > 1_000)
      for (const [k, v] of this.revokedBefore) if (v < horizon) this.revokedBefore.delete(k);
  }
}
