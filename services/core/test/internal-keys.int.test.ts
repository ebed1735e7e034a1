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

  it('the compliance service starts a departure-letter project as itself, with projects:write only', async () => {
    const tenantId = randomUUID();
    const compliance = (scopes: string[]): Principal => ({
      kind: 'service',
      id: 'compliance',
      tenantId: null,
      role: null,
      scopes,
    });
    const post = async (signedBy: InternalKeyOwner, principal: Principal) =>
      t.app.inject({
        method: 'POST',
        url: `/internal/tenants/${tenantId}/projects`,
        headers: { 'x-plh-internal-token': await signInternalToken(t.keys.signer(signedBy), principal, 'core') },
        payload: { name: 'Provider departure: Dr. Hale', letterType: 'provider_departure', requestedBy: randomUUID() },
      });
    const created = await post('compliance', compliance(['projects:write']));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ projectId: expect.any(String), letterType: 'provider_departure' });
    expect((await post('compliance', compliance(['roster:read']))).statusCode).toBe(403);
    // The proof engine's key may not claim it (not one of its scopes), nor pose as the compliance service.
    expect((await post('proof-engine', { ...compliance(['projects:write']), id: 'proof-engine' })).statusCode).toBe(
      401,
    );
    expect((await post('proof-engine', compliance(['projects:write']))).statusCode).toBe(401);
  });
});
