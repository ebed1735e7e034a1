import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '@plh/test-kit';
import { RedisRateLimiter } from '../src/rate-limit';

describe('RedisRateLimiter on a real redis-server', () => {
  let redis: RedisServerHandle;
  const clients: Redis[] = [];
  const replica = (onUnavailable?: (err: Error) => void) => {
    const client = new Redis(redis.url, { enableOfflineQueue: true, maxRetriesPerRequest: 0, disconnectTimeout: 100 });
    clients.push(client);
    return new RedisRateLimiter(client, { onUnavailable });
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await redis?.stop();
  });

  it('lets exactly the limit through when four replicas race for one key', async () => {
    const replicas = [replica(), replica(), replica(), replica()];
    const decisions = await Promise.all(
      Array.from({ length: 200 }, (_, i) => replicas[i % replicas.length]!.consume('tenant:race', 50)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.remaining === 0)).toBe(true);
    // The window started with the first request and every answer points at its end.
    for (const d of decisions) expect(d.resetSec).toBeGreaterThanOrEqual(59);
  });

  it('keeps separate windows per key', async () => {
    const limiter = replica();
    expect(await limiter.consume('key:a', 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('key:a', 1)).toMatchObject({ allowed: false });
    expect(await limiter.consume('key:b', 1)).toMatchObject({ allowed: true });
  });

  it('counts in memory while Redis is gone and reports it', async () => {
    const errors: Error[] = [];
    const limiter = replica((err) => errors.push(err));
    await limiter.consume('key:outage', 2);
    await redis.kill('SIGKILL');
    const during = [await limiter.consume('key:outage', 2), await limiter.consume('key:outage', 2)];
    expect(during.map((d) => d.allowed)).toEqual([true, true]); // a fresh per-replica window
    expect(await limiter.consume('key:outage', 2)).toMatchObject({ allowed: false });
    expect(errors.length).toBeGreaterThan(0);
    await redis.restart();
  });
});
