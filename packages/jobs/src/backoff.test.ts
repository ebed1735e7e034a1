import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const options = { baseMs: 1_000, maxMs: 30_000 };

  it('doubles the ceiling with every failed attempt, between half of it and all of it', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, options, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, options, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never exceeds the maximum, however many attempts failed', () => {
    expect(retryDelayMs(40, options, () => 1)).toBe(30_000);
    expect(retryDelayMs(40, options, () => 0)).toBe(15_000);
  });
});
