export interface BackoffOptions {
  /** Delay before the second attempt. */
  baseMs: number;
  /** Ceiling of any delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };

/**
 * Delay before the next attempt after `attempts` failed ones: exponential ("full jitter", as AWS's
 * architecture blog recommends) so that jobs failing together on one outage do not retry in lockstep.
 * `random` is injectable for tests.
 */
export function retryDelayMs(
  attempts: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  // Half fixed, half jittered: never retry at once, never wait longer than the ceiling.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
