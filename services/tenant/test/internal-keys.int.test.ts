import { randomUUID } from 'node:crypto';
import { signInternalToken, type Principal } from '@plh/service-kit';
import type { InternalKeyOwner } from '@plh/service-kit/testing';
import { provisionTenant } from '../src/seeding';
import { buildTestApp, type TestApp } from './helpers';

/** Each service signs with its own key; only the gateway's may speak for a person or an API key. */
describe('internal tokens: who may assert what', () => {
  let t: TestApp;
  let tenantId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    ({ tenantId } = await provisionTenant(t.test.platform.db, {
      name: 'Key Clinic',
      ownerEmail: `owner-${randomUUID()}@keys.example`,
      ownerPassword: 'correct horse battery staple',
    }));
  });
  afterAll(() => t.close());

  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const service = (id: string, scopes: string[]): Principal => ({
    kind: 'service',
    id,
    tenantId: null,
    role: null,
    scopes,
  });
  const call = async (signedBy: InternalKeyOwner, principal: Principal, url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { 'x-plh-internal-token': await signInternalToken(t.keys.signer(signedBy), principal, 'tenant') },
    });

  it("refuses the proof engine's key claiming an ops_admin user; the gateway's key may", async () => {
    expect((await call('proof-engine', opsAdmin, '/api/ops/tenants')).statusCode).toBe(401);
    expect((await call('core', opsAdmin, '/api/ops/tenants')).statusCode).toBe(401);
    expect((await call('gateway', opsAdmin, '/api/ops/tenants')).statusCode).toBe(200);
  });

  it("a service's key speaks for that service only, with only its own scopes", async () => {
    const settings = `/internal/tenants/${tenantId}/settings`;
    expect((await call('core', service('core', ['settings:read']), settings)).statusCode).toBe(200);
    // The proof engine holds no settings:read, and may not borrow core's name or scope.
    expect((await call('proof-engine', service('proof-engine', ['settings:read']), settings)).statusCode).toBe(401);
    expect((await call('proof-engine', service('core', ['settings:read']), settings)).statusCode).toBe(401);
  });
});
