import Fastify from 'fastify';
import type { RunUnitOfWork } from '../data/unit-of-work';
import { idempotency } from './idempotency';

const TENANT = '11111111-1111-4111-8111-111111111111';

/**
 * The key store as the plugin sees it, over a database that is away for the first `downFor` units of
 * work after the request's own (a PostgreSQL restart while the answer is being recorded).
 */
function storeAwayAfterClaim(downFor: number) {
  const calls: string[] = [];
  let unitsAfterClaim = 0;
  let claimed = false;
  const store = {
    claim: async () => {
      calls.push('claim');
      claimed = true;
      return true;
    },
    find: async () => null,
    reclaim: async () => undefined,
    complete: async (_key: string, status: number) => void calls.push(`complete ${status}`),
    release: async () => void calls.push('release'),
  };
  const unitOfWork = (async (_tenantId: string, work: (uow: { idempotency: typeof store }) => Promise<unknown>) => {
    if (claimed && unitsAfterClaim++ < downFor) throw new Error('the database system is shutting down');
    return work({ idempotency: store });
  }) as unknown as RunUnitOfWork;
  return { unitOfWork, calls };
}

async function appWith(unitOfWork: RunUnitOfWork, status: number) {
  const app = Fastify({ logger: false });
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    req.principal = { kind: 'user', id: 'u1', tenantId: TENANT, role: 'owner', scopes: [] };
  });
  await app.register(idempotency, { unitOfWork });
  app.post('/tenants/:tenantId/orders', async (_req, reply) => reply.code(status).send({ id: 'o1' }));
  return app;
}

const order = (app: Awaited<ReturnType<typeof appWith>>) =>
  app.inject({
    method: 'POST',
    url: `/tenants/${TENANT}/orders`,
    headers: { 'idempotency-key': 'key-12345678', 'content-type': 'application/json' },
    payload: {},
  });

describe('Idempotency-Key: recording the answer', () => {
  it('keeps trying while the database is briefly away, then answers what the request did', async () => {
    const { unitOfWork, calls } = storeAwayAfterClaim(3);
    const app = await appWith(unitOfWork, 201);
    const res = await order(app);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: 'o1' });
    expect(calls).toEqual(['claim', 'complete 201']);
    await app.close();
  });

  it('releases the key of a failed request once the database is back', async () => {
    const { unitOfWork, calls } = storeAwayAfterClaim(2);
    const app = await appWith(unitOfWork, 503);
    expect((await order(app)).statusCode).toBe(503);
    expect(calls).toEqual(['claim', 'release']);
    await app.close();
  });

  it('still answers what the request did when the answer cannot be recorded at all', async () => {
    const { unitOfWork, calls } = storeAwayAfterClaim(Number.POSITIVE_INFINITY);
    const app = await appWith(unitOfWork, 201);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const pending = order(app);
      // Every backoff step of the recording elapses at once.
      for (let i = 0; i < 20; i++) await jest.advanceTimersByTimeAsync(5_000);
      const res = await pending;
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ id: 'o1' });
      expect(calls).toEqual(['claim']);
    } finally {
      jest.useRealTimers();
    }
    await app.close();
  });
});
