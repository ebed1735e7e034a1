import { memoryRateLimiter } from './rate-limit';

describe('sliding-window rate limiter (in memory)', () => {
  const minute = 60_000;
  const windowStart = 29_000_000 * minute; // a wall-clock minute boundary
  const limiterAt = () => {
    let now = windowStart;
    const limiter = memoryRateLimiter('test', () => now);
    return { limiter, at: (ms: number) => (now = windowStart + ms) };
  };

  it('allows the limit within a minute, then refuses', async () => {
    const { limiter, at } = limiterAt();
    at(1_000);
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: false, remaining: 0, resetSec: 59 + 40 });
    expect(await limiter.consume('other', 2)).toMatchObject({ allowed: true });
  });

  it('does not give a burst at the end of one minute a fresh allowance at the start of the next', async () => {
    const { limiter, at } = limiterAt();
    at(59_000);
    expect((await limiter.consume('k', 10)).allowed).toBe(true);
    for (let i = 0; i < 9; i++) await limiter.consume('k', 10);
    at(minute + 1_000); // a fixed window would start over here and allow ten more
    const next = await limiter.consume('k', 10);
    expect(next).toMatchObject({ allowed: false, remaining: 0 });
    // The previous minute's weight fades (the refused request counts too): 10 × (1 − f) + 1 + 1 ≤ 10
    // once f ≥ 0.2, twelve seconds in.
    expect(next.resetSec).toBe(11);
    at(minute + 12_000);
    expect(await limiter.consume('k', 10)).toMatchObject({ allowed: true });
  });

  it('lets a steady rate under the limit through across boundaries', async () => {
    const { limiter, at } = limiterAt();
    for (let second = 0; second < 180; second += 12) {
      at(second * 1000);
      expect((await limiter.consume('steady', 6)).allowed).toBe(true);
    }
  });

  it('forgets a key two minutes on', async () => {
    const { limiter, at } = limiterAt();
    at(0);
    for (let i = 0; i < 5; i++) await limiter.consume('k', 2);
    at(2 * minute);
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 1 });
  });
});
