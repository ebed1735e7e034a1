import { randomUUID } from 'node:crypto';
import type { Principal } from '@plh/service-kit';
import { createApiKey, provisionTenant } from '../src/seeding';
import { API_KEYS_VERIFY_SCOPE } from '@plh/contracts';
import { buildTestApp, type TestApp } from './helpers';

const PASSWORD = 'correct horse battery staple';

describe('suspending a practice', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const gateway: Principal = {
    kind: 'service',
    id: 'gateway',
    tenantId: null,
    role: null,
    scopes: [API_KEYS_VERIFY_SCOPE],
  };
  const post = async (who: Principal, url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: await t.as(who), ...(payload ? { payload } : {}) });

  it('revokes sessions and API keys at once, and reactivation lets the practice sign in again', async () => {
    const ownerEmail = `owner-${randomUUID()}@suspend.example`;
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Suspended Clinic',
      ownerEmail,
      ownerPassword: PASSWORD,
    });
    const session = (
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ownerEmail, password: PASSWORD } })
    ).json();
    const { key } = await createApiKey(t.test.platform.db, {
      tenantId,
      actorId: ownerId,
      name: 'x',
      scopes: ['orders:read'],
    });

    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    expect((await post(owner, `/api/ops/tenants/${tenantId}/suspend`)).statusCode).toBe(403);
    expect((await post(opsAdmin, `/api/ops/tenants/${tenantId}/suspend`)).statusCode).toBe(204);
    expect((await post(opsAdmin, `/api/ops/tenants/${tenantId}/suspend`)).statusCode).toBe(204); // idempotent

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: ownerEmail, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    expect((await post(gateway, '/internal/api-keys/verify', { key })).statusCode).toBe(401);
    const tokens = await t.test.platform.db.refreshToken.findMany({ where: { userId: ownerId } });
    expect(tokens.every((rt) => rt.revokedAt !== null)).toBe(true);

    expect((await post(opsAdmin, `/api/ops/tenants/${tenantId}/reactivate`)).statusCode).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: ownerEmail, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    expect((await post(gateway, '/internal/api-keys/verify', { key })).statusCode).toBe(200);
    // The revoked session stays revoked: reactivation is not a way back into an old session.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(401);

    const subjects = (
      await t.test.platform.db.outboxEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } })
    ).map((e) => e.subject);
    expect(subjects.filter((s) => s.startsWith('plh.tenant.tenant.'))).toEqual([
      'plh.tenant.tenant.created',
      'plh.tenant.tenant.suspended',
      'plh.tenant.tenant.reactivated',
    ]);
  });

  it('an unknown practice is 404', async () => {
    expect((await post(opsAdmin, `/api/ops/tenants/${randomUUID()}/suspend`)).statusCode).toBe(404);
  });
});
