import { randomUUID } from 'node:crypto';
import { signInternalToken, type Principal } from '@plh/service-kit';
import { createUser, provisionTenant } from '../src/seeding';
import { buildTestApp, type TestApp } from './helpers';

describe('user directory (internal, users:read)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  const service = (id: string, scopes: string[]): Principal => ({
    kind: 'service',
    id,
    tenantId: null,
    role: null,
    scopes,
  });
  const get = async (signer: 'notification' | 'core', principal: Principal, url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { 'x-plh-internal-token': await signInternalToken(t.keys.signer(signer), principal, 'tenant') },
    });
  const notification = service('notification', ['users:read']);

  it('lists one practice’s users, finds any user by id and lists the ops team; nothing for other scopes', async () => {
    const ownerEmail = `owner-${randomUUID()}@practice.example`;
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Larch Clinic',
      ownerEmail,
      ownerPassword: 'correct horse battery staple',
    });
    const other = await provisionTenant(t.test.platform.db, {
      name: 'Other Clinic',
      ownerEmail: `owner-${randomUUID()}@practice.example`,
      ownerPassword: 'correct horse battery staple',
    });
    const opsEmail = `ops-${randomUUID()}@patientletterhub.example`;
    const ops = await createUser(t.test.platform.db, {
      tenantId: null,
      email: opsEmail,
      password: 'correct horse battery staple',
      role: 'ops_admin',
    });

    const users = await get('notification', notification, `/internal/tenants/${tenantId}/users`);
    expect(users.statusCode).toBe(200);
    expect(users.json().items).toEqual([{ id: ownerId, tenantId, email: ownerEmail, role: 'owner', status: 'active' }]);
    const one = await get('notification', notification, `/internal/users/${other.ownerId}`);
    expect(one.json()).toMatchObject({ id: other.ownerId, tenantId: other.tenantId, role: 'owner' });
    expect((await get('notification', notification, `/internal/users/${randomUUID()}`)).statusCode).toBe(404);
    const team = await get('notification', notification, '/internal/ops-users');
    expect(team.json().items).toEqual([expect.objectContaining({ id: ops.id, tenantId: null, email: opsEmail })]);

    // Core holds no users:read and may not claim it; a user token is not a service's.
    expect((await get('core', service('core', ['settings:read']), '/internal/ops-users')).statusCode).toBe(403);
    expect((await get('core', service('core', ['users:read']), '/internal/ops-users')).statusCode).toBe(401);
    const owner = await t.app.inject({
      method: 'GET',
      url: `/internal/tenants/${tenantId}/users`,
      headers: await t.as({ kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] }),
    });
    expect(owner.statusCode).toBe(403);
  });
});
