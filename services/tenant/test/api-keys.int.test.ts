import { randomBytes, randomUUID } from 'node:crypto';
import { withTenant } from '@plh/db';
import type { Principal } from '@plh/service-kit';
import { createUser, provisionTenant } from '../src/seeding';
import { API_KEYS_VERIFY_SCOPE } from '@plh/contracts';
import { buildTestApp, outboxOf, type TestApp } from './helpers';

const PASSWORD = 'correct horse battery staple';

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  async function practice() {
    const ownerEmail = `owner-${randomUUID()}@practice.example`;
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Birch Pediatrics',
      ownerEmail,
      ownerPassword: PASSWORD,
    });
    const approver = await createUser(t.test.platform.db, {
      tenantId,
      email: `approver-${randomUUID()}@practice.example`,
      password: PASSWORD,
      role: 'approver',
    });
    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    const approverPrincipal: Principal = { kind: 'user', id: approver.id, tenantId, role: 'approver', scopes: [] };
    return { tenantId, owner, approver: approverPrincipal };
  }
  const gateway: Principal = {
    kind: 'service',
    id: 'gateway',
    tenantId: null,
    role: null,
    scopes: [API_KEYS_VERIFY_SCOPE],
  };
  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };

  const create = async (
    tenantId: string,
    who: Principal,
    body: object = { name: 'EHR sync', scopes: ['orders:read', 'orders:write'] },
  ) =>
    t.app.inject({ method: 'POST', url: `/api/tenants/${tenantId}/api-keys`, headers: await t.as(who), payload: body });
  const verify = async (key: string, who: Principal = gateway) =>
    t.app.inject({ method: 'POST', url: '/internal/api-keys/verify', headers: await t.as(who), payload: { key } });

  it('an owner creates a key that is shown once and stored only as a hash', async () => {
    const { tenantId, owner } = await practice();
    const res = await create(tenantId, owner);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { key, apiKey } = res.json();
    expect(key).toMatch(/^plh_live_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: 'EHR sync',
      scopes: ['orders:read', 'orders:write'],
      rateLimitPerMin: 600,
      revokedAt: null,
    });

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${tenantId}/api-keys`,
      headers: await t.as(owner),
    });
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(key.split('_').pop());
    const secret = key.split('_').slice(3).join('_');
    const stored = await withTenant(t.test.platform.db, tenantId, (tx) => tx.apiKey.findMany());
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('publishes api-key.created through the outbox, without the key', async () => {
    const { tenantId, owner } = await practice();
    const { key, apiKey } = (await create(tenantId, owner)).json();
    const { events: rows, audit } = await outboxOf(t.test.platform.db, tenantId);
    expect(rows.map((r) => r.subject)).toEqual(['plh.tenant.tenant.created', 'plh.tenant.api-key.created']);
    expect(audit.at(-1)).toMatchObject({
      action: 'api-key.create',
      resource: { type: 'api-key', id: apiKey.id },
      actor: { kind: 'user', id: owner.id, role: 'owner' },
    });
    expect(JSON.stringify(audit)).not.toContain(key.slice(-20));
    expect(rows[1]?.payload).toMatchObject({ data: { apiKeyId: apiKey.id, scopes: ['orders:read', 'orders:write'] } });
    expect(JSON.stringify(rows[1]?.payload)).not.toContain(key.slice(-20));
  });

  it('only an owner of that tenant may create one; another tenant is 404, no token is 401', async () => {
    const a = await practice();
    const b = await practice();
    expect((await create(a.tenantId, a.approver)).statusCode).toBe(403);
    expect((await create(a.tenantId, b.owner)).statusCode).toBe(404);
    expect((await create(a.tenantId, opsAdmin)).statusCode).toBe(403);
    const keyPrincipal: Principal = {
      kind: 'api_key',
      id: randomUUID(),
      tenantId: a.tenantId,
      role: null,
      scopes: ['webhooks:manage'],
    };
    expect((await create(a.tenantId, keyPrincipal)).statusCode).toBe(403);
    const bare = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${a.tenantId}/api-keys`,
      payload: { name: 'x', scopes: ['orders:read'] },
    });
    expect(bare.statusCode).toBe(401);
    expect((await create(a.tenantId, a.owner, { name: 'x', scopes: ['everything:all'] })).statusCode).toBe(400);
  });

  it('the gateway verifies a key to its tenant and scopes; wrong, revoked and expired keys fail alike', async () => {
    const { tenantId, owner } = await practice();
    const { key, apiKey } = (await create(tenantId, owner)).json();
    const ok = await verify(key);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      apiKeyId: apiKey.id,
      tenantId,
      scopes: ['orders:read', 'orders:write'],
      rateLimitPerMin: 600,
    });

    const forged = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const bad of [
      forged,
      'plh_live_nope',
      `plh_live_${'x'.repeat(16)}_${randomBytes(32).toString('base64url')}`,
    ]) {
      const res = await verify(bad);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_API_KEY' });
    }
    // Only a service holding the verify scope may ask.
    expect((await verify(key, { ...gateway, scopes: [] })).statusCode).toBe(403);
    expect((await verify(key, owner)).statusCode).toBe(403);

    const expiring = (
      await create(tenantId, owner, {
        name: 'old',
        scopes: ['proofs:read'],
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      })
    ).json();
    expect((await verify(expiring.key)).statusCode).toBe(401);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/tenants/${tenantId}/api-keys/${apiKey.id}`,
      headers: await t.as(owner),
    });
    expect(del.statusCode).toBe(204);
    expect((await verify(key)).statusCode).toBe(401);
  });

  it("a suspended tenant's keys stop working", async () => {
    const { tenantId, owner } = await practice();
    const { key } = (await create(tenantId, owner)).json();
    await t.test.platform.db.tenant.update({ where: { id: tenantId }, data: { status: 'suspended' } });
    expect((await verify(key)).statusCode).toBe(401);
  });

  it('another tenant cannot revoke a key, and row-level security hides keys across tenants', async () => {
    const a = await practice();
    const b = await practice();
    const { apiKey } = (await create(a.tenantId, a.owner)).json();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/tenants/${b.tenantId}/api-keys/${apiKey.id}`,
      headers: await t.as(b.owner),
    });
    expect(res.statusCode).toBe(404);
    // Even a query that forgets its tenant filter sees only the current tenant's rows.
    const seenByB = await withTenant(t.test.platform.db, b.tenantId, (tx) => tx.apiKey.findMany());
    expect(seenByB.find((k) => k.id === apiKey.id)).toBeUndefined();
    const seenWithoutTenant = await t.test.platform.db.apiKey.findMany();
    expect(seenWithoutTenant).toEqual([]);
  });
});
