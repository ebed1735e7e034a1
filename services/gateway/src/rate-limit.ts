import type { Redis } from 'ioredis';

/** One window of one key: whether this request fits, and what the RateLimit headers say. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSec: number;
}

export interface RateLimiter {
  /** Counts one request against `key`'s one-minute window. */
  consume(key: string, limitPerMin: number): Promise<RateDecision>;
  close?(): Promise<void>;
}

const WINDOW_MS = 60_000;

function decide(count: number, limitPerMin: number, msLeft: number): RateDecision {
  return {
    allowed: count <= limitPerMin,
    limit: limitPerMin,
    remaining: Math.max(0, limitPerMin - count),
    resetSec: Math.max(1, Math.ceil(msLeft / 1000)),
  };
}

/**
 * One-minute windows per key in this process's memory: right for one replica. Each key's window
 * starts at its first request (not at the wall-clock minute), so a burst cannot straddle a boundary
 * and get twice the limit.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  consumeAt(key: string, limitPerMin: number, now: number): RateDecision {
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      if (this.windows.size > 100_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return decide(w.count, limitPerMin, w.start + WINDOW_MS - now);
  }

  consume(key: string, limitPerMin: number): Promise<RateDecision> {
    return Promise.resolve(this.consumeAt(key, limitPerMin, Date.now()));
  }
}

/**
 * The same windows shared by every replica through Redis: one atomic script per request counts and
 * starts the window (PEXPIRE on the first hit), so replicas cannot race past the limit together.
 */
const CONSUME_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export interface RedisRateLimiterOptions {
  /** Prefix for every key (several gateways or tests can share one Redis). */
  prefix?: string;
  /** Called when Redis does not answer; the request is then counted in memory instead. */
  onUnavailable?: (err: Error) => void;
}

/**
 * Redis-backed windows. When Redis is down or slow the limiter degrades to per-replica memory windows
 * rather than refusing traffic (fail open, like Envoy's global rate limit default): a rate limit
 * protects capacity, and an outage of Redis should not become an outage of the API.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback = new MemoryRateLimiter();
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisRateLimiterOptions = {},
  ) {
    this.prefix = options.prefix ?? 'plh:ratelimit:';
    redis.defineCommand('plhConsume', { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  }

  async consume(key: string, limitPerMin: number): Promise<RateDecision> {
    try {
      const consumeCmd = (this.redis as unknown as Record<string, (k: string, ms: number) => Promise<[number, number]>>)
        .plhConsume!;
      const [count, ttl] = await consumeCmd.call(this.redis, this.prefix + key, WINDOW_MS);
      return decide(count, limitPerMin, ttl);
    } catch (err) {
      this.options.onUnavailable?.(err as Error);
      return this.fallback.consume(key, limitPerMin);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
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
