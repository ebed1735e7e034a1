import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '@plh/test-kit';
import { redisRateLimiter } from '../src/rate-limit';

describe('the Redis-backed sliding-window limiter on a real redis-server', () => {
  let redis: RedisServerHandle;
  const clients: Redis[] = [];
  // One second into a minute, for every replica: the previous minute is empty, so the estimate is the count.
  const now = () => Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
  // Connected first, as the gateway waits for it: until then the limiter counts in memory.
  const replica = async (onUnavailable?: () => void) => {
    const client = new Redis(redis.url, { enableOfflineQueue: true, maxRetriesPerRequest: 0, disconnectTimeout: 100 });
    clients.push(client);
    await new Promise((resolve) => client.once('ready', resolve));
    return redisRateLimiter(client, { onUnavailable, now });
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await redis?.stop();
  });

  it('lets exactly the limit through when four replicas race for one key', async () => {
    const replicas = await Promise.all([replica(), replica(), replica(), replica()]);
    const decisions = await Promise.all(
      Array.from({ length: 200 }, (_, i) => replicas[i % replicas.length]!.consume('tenant:race', 50)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.remaining === 0)).toBe(true);
    // Allowed: the window's end, 59 s away; refused (not counted): when the next request fits, once
    // the next window has faded this one's 50 (59 s + 60 × (1 − 49/50) = 60.2 s, or later while other
    // refused requests were still counted).
    for (const d of decisions.filter((d) => d.allowed)) expect(d.resetSec).toBe(59);
    for (const d of decisions.filter((d) => !d.allowed)) expect(d.resetSec).toBeGreaterThanOrEqual(61);
    // The refused ones were taken back: Redis holds the 50 that went through.
    const window = Math.floor(now() / 60_000);
    expect(await clients[0]!.get(`plh:ratelimit:tenant:race:${window}`)).toBe('50');
  });

  it('keeps separate windows per key', async () => {
    const limiter = await replica();
    expect(await limiter.consume('key:a', 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('key:a', 1)).toMatchObject({ allowed: false });
    expect(await limiter.consume('key:b', 1)).toMatchObject({ allowed: true });
  });

  it('counts in memory while Redis is gone and reports it', async () => {
    let reported = 0;
    const limiter = await replica(() => (reported += 1));
    await limiter.consume('key:outage', 2);
    await redis.kill('SIGKILL');
    const during = [await limiter.consume('key:outage', 2), await limiter.consume('key:outage', 2)];
    expect(during.map((d) => d.allowed)).toEqual([true, true]); // a fresh per-replica window
    expect(await limiter.consume('key:outage', 2)).toMatchObject({ allowed: false });
    expect(reported).toBeGreaterThan(0);
    await redis.restart();
  });
});
