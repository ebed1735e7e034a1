import { MemoryRateLimiter } from './rate-limit';

describe('MemoryRateLimiter', () => {
  it('allows the limit within a key window, then refuses until the window ends', () => {
    const limiter = new MemoryRateLimiter();
    const t0 = 1_000_000_059_500; // half a second before a wall-clock minute: no reset at the minute
    expect(limiter.consumeAt('k', 2, t0)).toMatchObject({ allowed: true, remaining: 1, resetSec: 60 });
    expect(limiter.consumeAt('k', 2, t0 + 1_000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.consumeAt('k', 2, t0 + 2_000)).toMatchObject({ allowed: false, remaining: 0, resetSec: 58 });
    expect(limiter.consumeAt('other', 2, t0 + 2_000)).toMatchObject({ allowed: true });
    expect(limiter.consumeAt('k', 2, t0 + 60_000)).toMatchObject({ allowed: true, remaining: 1 });
  });
});
