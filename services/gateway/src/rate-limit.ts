/**
 * One-minute windows per key, in this process's memory: right for one replica. Several
 * replicas need a shared store (Redis, planned); see the README.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSec: number;
}

export class MemoryRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  consume(key: string, limitPerMin: number, now = Date.now()): RateDecision {
    // Each key's window starts at its first request (not at the wall-clock minute), so a burst
    // cannot straddle a boundary and get twice the limit.
    let w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 100_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    const resetSec = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    return {
      allowed: w.count <= limitPerMin,
      limit: limitPerMin,
      remaining: Math.max(0, limitPerMin - w.count),
      resetSec,
    };
  }
}

/**
 * Headers of draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy: "<name>";q=<limit>;w=60` and
 * `RateLimit: "<name>";r=<remaining>;t=<reset seconds>`.
 * See: https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
 */
export function rateLimitHeaders(name: string, d: RateDecision): Record<string, string> {
  return { 'ratelimit-policy': `"${name}";q=${d.limit};w=60`, ratelimit: `"${name}";r=${d.remaining};t=${d.resetSec}` };
}
