/**
 * Remembers verified tokens until they expire, so a client that reuses its token (every browser
 * session, every partner integration) costs one signature check per token, not per request.
 * A token string cannot change, and it stops being accepted at its own expiry, so caching the
 * verdict changes nothing about what is accepted. Bounded: cleared when full.
 */
export class VerifiedCache<T extends { expiresAt: Date }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max = 10_000) {}

  get(token: string, now = Date.now()): T | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.expiresAt.getTime() <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return hit;
  }

  set(token: string, value: T): void {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(token, value);
  }
}
