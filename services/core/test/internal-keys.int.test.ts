import { randomUUID } from 'node:crypto';
import { signInternalToken, type Principal } from '@plh/service-kit';
import type { InternalKeyOwner } from '@plh/service-kit/testing';
import { buildTestApp, type TestApp } from './helpers';

/** Each service signs with its own key; only the gateway's may speak for a person or an API key. */
describe('internal tokens: who may assert what', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const call = async (signedBy: InternalKeyOwner, principal: Principal, url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { 'x-plh-internal-token': await signInternalToken(t.keys.signer(signedBy), principal, 'core') },
    });

  it("refuses the proof engine's key claiming an ops_admin user; the gateway's key may", async () => {
    const res = await call('proof-engine', opsAdmin, '/api/ops/orders');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await call('gateway', opsAdmin, '/api/ops/orders')).statusCode).toBe(200);
  });

  it('the proof engine reads a mailing as itself, and nobody else may with its key', async () => {
    const url = `/internal/tenants/${randomUUID()}/orders/${randomUUID()}/mailing`;
    const itself: Principal = {
      kind: 'service',
      id: 'proof-engine',
      tenantId: null,
      role: null,
      scopes: ['mailing:read'],
    };
    expect((await call('proof-engine', itself, url)).statusCode).toBe(404); // through: no such order
    expect((await call('core', { ...itself, id: 'core' }, url)).statusCode).toBe(401);
  });
});
