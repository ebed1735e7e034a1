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
/**
 * New keys per minute that get counters of their own. Past it (a flood of made-up keys: rotating
 * addresses against login) further new keys share one counter, so memory stays bounded and the flood
 * is limited as one client, while the keys already counted keep theirs.
 */
const MAX_NEW_KEYS_PER_MIN = 100_000;
const OVERFLOW_KEY = '\u0000overflow';

/** Counters kept two windows: the current one, and the previous one the estimate still weighs. */
class MemoryCounters extends RateLimiterMemory {
  constructor(
    keyPrefix: string,
    /** Called on every use: as Redis's insurance limiter, being used means Redis did not answer. */
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
 * Refused requests are not counted: a client retrying above the limit gets back in as soon as its
 * earlier requests fade, and one runaway integration cannot keep a whole practice locked out. The
 * counters live in rate-limiter-flexible, in memory (one replica) or in Redis (all replicas, with an
 * in-memory insurance limiter taking over while Redis does not answer).
 */
export class SlidingWindowRateLimiter implements RateLimiter {
  private newKeys = { window: 0, count: 0 };

  constructor(
    private readonly counters: RateLimiterMemory | RateLimiterRedis,
    private readonly options: { now?: () => number; close?: () => Promise<void>; maxNewKeysPerMin?: number } = {},
  ) {}

  async close(): Promise<void> {
    await this.options.close?.();
  }

  async consume(key: string, limitPerMin: number): Promise<RateDecision> {
    const at = (this.options.now ?? Date.now)();
    const window = Math.floor(at / WINDOW_MS);
    const elapsed = (at % WINDOW_MS) / WINDOW_MS;
    let counted = key;
    let [current, previous] = await this.count(counted, window);
    if (current.consumedPoints === 1 && this.flooded(window)) {
      await this.counters.delete(`${key}:${window}`);
      counted = OVERFLOW_KEY;
      [current, previous] = await this.count(counted, window);
    }
    const prev = previous?.consumedPoints ?? 0;
    let curr = current.consumedPoints;
    const allowed = prev * (1 - elapsed) + curr <= limitPerMin;
    if (!allowed) {
      await this.counters.reward(`${counted}:${window}`);
      curr -= 1;
    }
    return {
      allowed,
      limit: limitPerMin,
      remaining: Math.max(0, Math.floor(limitPerMin - (prev * (1 - elapsed) + curr))),
      resetSec: Math.max(
        1,
        Math.ceil(allowed ? (1 - elapsed) * WINDOW_SEC : secondsUntilFits(limitPerMin, prev, curr, elapsed)),
      ),
    };
  }

  private count(key: string, window: number) {
    return Promise.all([this.counters.consume(`${key}:${window}`), this.counters.get(`${key}:${window - 1}`)]);
  }

  private flooded(window: number): boolean {
    if (this.newKeys.window !== window) this.newKeys = { window, count: 0 };
    return ++this.newKeys.count > (this.options.maxNewKeysPerMin ?? MAX_NEW_KEYS_PER_MIN);
  }
}

/**
 * For a refused request: seconds until the next one would fit (`prev × (1 − f) + curr + 1 ≤ limit`)
 * if none came in between: first the previous window's weight fading out, then, if the current
 * window alone is full, the next window's.
 */
function secondsUntilFits(limit: number, prev: number, curr: number, elapsed: number): number {
  if (curr + 1 <= limit) return (1 - (limit - curr - 1) / prev - elapsed) * WINDOW_SEC;
  return (1 - elapsed) * WINDOW_SEC + (1 - (limit - 1) / curr) * WINDOW_SEC;
}

/**
 * The rate-limit key of a client address: IPv4 as is, IPv6 by its /64 (one subscriber's whole
 * network: rotating addresses inside it is free, so they count as one client).
 */
export function addressKey(ip: string): string {
  if (!ip.includes(':') || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return ip.replace(/^::ffff:/i, '');
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Counters in this process's memory: right for one replica. */
export function memoryRateLimiter(
  options: { prefix?: string; now?: () => number; maxNewKeysPerMin?: number } = {},
): SlidingWindowRateLimiter {
  const { prefix = 'plh:ratelimit', ...rest } = options;
  return new SlidingWindowRateLimiter(new MemoryCounters(prefix), rest);
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
  const insurance = new MemoryCounters(prefix, options.onUnavailable);
  const counters = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: prefix,
    points: UNLIMITED,
    duration: 2 * WINDOW_SEC,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance,
  });
  return new SlidingWindowRateLimiter(counters, {
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
