import { randomUUID } from 'node:crypto';
import type { Principal } from '@plh/service-kit';
import { createUser, provisionTenant } from '../src/seeding';
import { buildTestApp, type TestApp } from './helpers';

const PASSWORD = 'correct horse battery staple';

describe('practice users: roles and suspension', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  async function practice() {
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Willow Health',
      ownerEmail: `owner-${randomUUID()}@willow.example`,
      ownerPassword: PASSWORD,
    });
    const approverEmail = `approver-${randomUUID()}@willow.example`;
    const approver = await createUser(t.test.platform.db, {
      tenantId,
      email: approverEmail,
      password: PASSWORD,
      role: 'approver',
    });
    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    return { tenantId, ownerId, owner, approverId: approver.id, approverEmail };
  }
  const patch = async (who: Principal, tenantId: string, userId: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/tenants/${tenantId}/users/${userId}`,
      headers: await t.as(who),
      payload,
    });
  const login = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });

  it('an owner lists users, changes a role, and suspending a user ends their sessions', async () => {
    const { tenantId, owner, approverId, approverEmail } = await practice();
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${tenantId}/users`,
      headers: await t.as(owner),
    });
    expect(
      list
        .json()
        .items.map((u: { role: string }) => u.role)
        .sort(),
    ).toEqual(['approver', 'owner']);

    expect((await patch(owner, tenantId, approverId, { role: 'viewer' })).json()).toMatchObject({
      role: 'viewer',
      status: 'active',
    });
    const session = (await login(approverEmail)).json();
    expect((await patch(owner, tenantId, approverId, { status: 'suspended' })).json()).toMatchObject({
      status: 'suspended',
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
    expect((await login(approverEmail)).statusCode).toBe(401);

    const events = await t.test.platform.db.outboxEvent.findMany({
      where: { tenantId, subject: 'plh.tenant.user.changed' },
    });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(approverEmail);
  });

  it('keeps one active owner, refuses ops roles for practice users, and hides other practices', async () => {
    const a = await practice();
    const b = await practice();
    expect((await patch(a.owner, a.tenantId, a.ownerId, { role: 'viewer' })).json()).toMatchObject({
      status: 409,
      code: 'LAST_OWNER',
    });
    expect((await patch(a.owner, a.tenantId, a.ownerId, { status: 'suspended' })).json()).toMatchObject({
      code: 'LAST_OWNER',
    });
    expect((await patch(a.owner, a.tenantId, a.approverId, { role: 'ops_admin' })).statusCode).toBe(400);
    expect((await patch(b.owner, a.tenantId, a.approverId, { role: 'viewer' })).statusCode).toBe(404);
    expect((await patch(b.owner, b.tenantId, a.approverId, { role: 'viewer' })).statusCode).toBe(404);
    const approver: Principal = { kind: 'user', id: a.approverId, tenantId: a.tenantId, role: 'approver', scopes: [] };
    expect((await patch(approver, a.tenantId, a.approverId, { role: 'owner' })).statusCode).toBe(403);
    // With a second owner, the first may step down.
    expect((await patch(a.owner, a.tenantId, a.approverId, { role: 'owner' })).statusCode).toBe(200);
    expect((await patch(a.owner, a.tenantId, a.ownerId, { role: 'viewer' })).json()).toMatchObject({ role: 'viewer' });
  });
});
