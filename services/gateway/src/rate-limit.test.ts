import { addressKey, memoryRateLimiter } from './rate-limit';

describe('sliding-window rate limiter (in memory)', () => {
  const minute = 60_000;
  const windowStart = 29_000_000 * minute; // a wall-clock minute boundary
  const limiterAt = (options: { maxNewKeysPerMin?: number } = {}) => {
    let now = windowStart;
    const limiter = memoryRateLimiter({ now: () => now, ...options });
    return { limiter, at: (ms: number) => (now = windowStart + ms) };
  };

  it('allows the limit within a minute, then refuses', async () => {
    const { limiter, at } = limiterAt();
    at(1_000);
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 0 });
    // Refused requests are not counted: the next fits once 2 × (1 − f) + 1 ≤ 2 in the next minute, f ≥ ½.
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: false, remaining: 0, resetSec: 59 + 30 });
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: false, resetSec: 59 + 30 });
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
    // The previous minute's weight fades: 10 × (1 − f) + 1 ≤ 10 once f ≥ 0.1, six seconds in (the
    // refused request did not count).
    expect(next.resetSec).toBe(5);
    at(minute + 5_000);
    expect(await limiter.consume('k', 10)).toMatchObject({ allowed: false });
    at(minute + 6_000);
    expect(await limiter.consume('k', 10)).toMatchObject({ allowed: true });
  });

  it('lets a steady rate under the limit through across boundaries', async () => {
    const { limiter, at } = limiterAt();
    for (let second = 0; second < 180; second += 12) {
      at(second * 1000);
      expect((await limiter.consume('steady', 6)).allowed).toBe(true);
    }
  });

  it('gives a key its full limit back after a quiet minute', async () => {
    const { limiter, at } = limiterAt();
    at(0);
    for (let i = 0; i < 5; i++) await limiter.consume('k', 2);
    at(2 * minute);
    expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('keeps counting known keys when a flood of new ones passes the cap; the flood shares one counter', async () => {
    const { limiter, at } = limiterAt({ maxNewKeysPerMin: 3 });
    at(1_000);
    expect(await limiter.consume('known', 2)).toMatchObject({ allowed: true, remaining: 1 });
    for (const k of ['a', 'b']) expect((await limiter.consume(k, 2)).allowed).toBe(true);
    // Past 3 new keys this minute, each new key lands on the shared counter: 2 allowed in all.
    const flood = [];
    for (const k of ['c', 'd', 'e', 'f']) flood.push((await limiter.consume(k, 2)).allowed);
    expect(flood).toEqual([true, true, false, false]);
    expect(await limiter.consume('known', 2)).toMatchObject({ allowed: true, remaining: 0 });
    at(2 * minute);
    expect((await limiter.consume('g', 2)).allowed).toBe(true); // a new minute, a new allowance of keys
  });
});

describe('addressKey', () => {
  it('counts an IPv6 client by its /64 and an IPv4 one by its address', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8:abcd:12::99')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
