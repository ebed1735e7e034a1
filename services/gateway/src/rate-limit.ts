import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

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

const WINDOW_SEC = 60;
const WINDOW_MS = WINDOW_SEC * 1000;
/** The counters never refuse by themselves: the sliding estimate below decides. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;
/** New keys per window before the in-memory counters start over (bounded memory under a key flood). */
const MAX_MEMORY_KEYS = 100_000;

/** Counters kept two windows: the current one, and the previous one the estimate still weighs. */
class ReportingMemoryCounters extends RateLimiterMemory {
  constructor(
    keyPrefix: string,
    private readonly onUse?: () => void,
  ) {
    super({ keyPrefix, points: UNLIMITED, duration: 2 * WINDOW_SEC });
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): ReturnType<RateLimiterMemory['consume']> {
    this.onUse?.();
    return super.consume(...args);
  }
}

/**
 * Sliding-window counters (Cloudflare's approximation of a true sliding log): a request at fraction
 * `f` of the current minute counts `previous × (1 − f) + current`, so a burst at the end of one minute
 * still counts against the start of the next, with two counters per key instead of a log per request.
 * The counters live in rate-limiter-flexible, in memory (one replica) or in Redis (all replicas, with
 * an in-memory insurance limiter taking over while Redis does not answer).
 */
export class SlidingWindowRateLimiter implements RateLimiter {
  private newKeys = { window: 0, count: 0 };

  constructor(
    private counters: RateLimiterMemory | RateLimiterRedis,
    /** Fresh in-memory counters: the store itself (one replica) or Redis's insurance limiter. */
    private readonly freshMemory: () => RateLimiterMemory,
    private readonly options: { now?: () => number; close?: () => Promise<void> } = {},
  ) {}

  async close(): Promise<void> {
    await this.options.close?.();
  }

  async consume(key: string, limitPerMin: number): Promise<RateDecision> {
    const at = (this.options.now ?? Date.now)();
    const window = Math.floor(at / WINDOW_MS);
    const elapsed = (at % WINDOW_MS) / WINDOW_MS;
    const [current, previous] = await Promise.all([
      this.counters.consume(`${key}:${window}`),
      this.counters.get(`${key}:${window - 1}`),
    ]);
    if (current.consumedPoints === 1) this.countNewKey(window);
    const prev = previous?.consumedPoints ?? 0;
    const curr = current.consumedPoints;
    const estimate = prev * (1 - elapsed) + curr;
    return {
      allowed: estimate <= limitPerMin,
      limit: limitPerMin,
      remaining: Math.max(0, Math.floor(limitPerMin - estimate)),
      resetSec: Math.max(1, Math.ceil(secondsUntilBelow(limitPerMin, prev, curr, elapsed))),
    };
  }

  private countNewKey(window: number): void {
    if (this.newKeys.window !== window) this.newKeys = { window, count: 0 };
    if (++this.newKeys.count <= MAX_MEMORY_KEYS) return;
    this.newKeys.count = 0;
    if (this.counters instanceof RateLimiterMemory) this.counters = this.freshMemory();
    // A settable property of every store limiter, missing from the package's type declarations.
    else (this.counters as unknown as { insuranceLimiter: RateLimiterMemory }).insuranceLimiter = this.freshMemory();
  }
}

/**
 * For an allowed request, seconds until this window ends; for a refused one, seconds until the next
 * request would fit (`prev × (1 − f) + curr + 1 ≤ limit`) if none came in between: first the previous
 * window's weight fading out, then, if the current window alone is full, the next window's.
 */
function secondsUntilBelow(limit: number, prev: number, curr: number, elapsed: number): number {
  const left = (1 - elapsed) * WINDOW_SEC;
  if (prev * (1 - elapsed) + curr <= limit) return left;
  if (curr + 1 <= limit) return (1 - (limit - curr - 1) / prev - elapsed) * WINDOW_SEC;
  return left + (1 - (limit - 1) / curr) * WINDOW_SEC;
}

/** Counters in this process's memory: right for one replica. */
export function memoryRateLimiter(prefix = 'plh:ratelimit', now?: () => number): SlidingWindowRateLimiter {
  const fresh = () => new ReportingMemoryCounters(prefix);
  return new SlidingWindowRateLimiter(fresh(), fresh, { now });
}

export interface RedisRateLimiterOptions {
  /** Prefix for every key (several gateways or tests can share one Redis). */
  prefix?: string;
  /** Called when Redis does not answer; the request is then counted in memory instead. */
  onUnavailable?: () => void;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * The same counters shared by every replica through Redis (rate-limiter-flexible's atomic script).
 * When Redis is down or slow the insurance limiter counts per replica rather than refusing traffic
 * (fail open, like Envoy's global rate limit default): a rate limit protects capacity, and an outage
 * of Redis should not become an outage of the API.
 */
export function redisRateLimiter(redis: Redis, options: RedisRateLimiterOptions = {}): SlidingWindowRateLimiter {
  const prefix = options.prefix ?? 'plh:ratelimit';
  // rate-limiter-flexible switches to the insurance limiter silently: it tells us by being used.
  const insurance = () => new ReportingMemoryCounters(prefix, options.onUnavailable);
  const counters = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: prefix,
    points: UNLIMITED,
    duration: 2 * WINDOW_SEC,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance(),
  });
  return new SlidingWindowRateLimiter(counters, insurance, {
    now: options.now,
    close: () =>
      redis.quit().then(
        () => undefined,
        () => redis.disconnect(),
      ),
  });
}

/**
 * Headers of draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy: "<name>";q=<limit>;w=60` and
 * `RateLimit: "<name>";r=<remaining>;t=<reset seconds>`.
 * See: https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
 */
export function rateLimitHeaders(name: string, d: RateDecision): Record<string, string> {
  return { 'ratelimit-policy': `"${name}";q=${d.limit};w=60`, ratelimit: `"${name}";r=${d.remaining};t=${d.resetSec}` };
}
