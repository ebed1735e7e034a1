import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditRecord } from '@plh/contracts';
import { withTenant } from '@plh/db';
import type { Principal } from '@plh/service-kit';
import { createUser, findUserByEmail, provisionTenant } from '../src/seeding';
import { buildTestApp, outboxOf, type TestApp } from './helpers';

const PASSWORD = 'correct horse battery staple';

/**
 * Every state change of the tenant service and every login attempt leaves one audit record in the
 * outbox of its own transaction, with the actor, the client as the gateway signed it, and the
 * changed fields (never a secret or a name).
 */
describe('tenant service audit records', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  async function practice() {
    const ownerEmail = `owner-${randomUUID()}@birch.example`;
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Birch Pediatrics',
      ownerEmail,
      ownerPassword: PASSWORD,
    });
    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    return { tenantId, ownerId, ownerEmail, owner };
  }
  const ops: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const login = (email: string, password: string, ip = `10.${randomBytes(3).join('.')}`) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: ip,
      headers: { 'user-agent': 'audit-test/1.0' },
    });
  const audit = async (tenantId: string) => (await outboxOf(t.test.platform.db, tenantId)).audit;
  const last = async (tenantId: string): Promise<AuditRecord | undefined> => (await audit(tenantId)).at(-1);

  it('records failed and successful logins for the practice, with the client and no email', async () => {
    const { tenantId, ownerId, ownerEmail } = await practice();
    expect((await login(ownerEmail, 'not the password at all', '10.9.8.7')).statusCode).toBe(401);
    expect(await last(tenantId)).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      reason: 'WRONG_PASSWORD',
      resource: { type: 'user', id: ownerId },
      actor: { kind: 'anonymous', id: null },
      clientIp: '10.9.8.7',
      userAgent: 'audit-test/1.0',
    });
    expect((await login(ownerEmail, PASSWORD)).statusCode).toBe(200);
    expect(await last(tenantId)).toMatchObject({
      action: 'auth.login',
      outcome: 'success',
      reason: null,
      actor: { kind: 'user', id: ownerId, role: 'owner' },
    });
    const all = JSON.stringify(await audit(tenantId));
    expect(all).not.toContain(ownerEmail);
    expect(all).not.toContain(PASSWORD);
  });

  it('records a failed login for an unknown email without a practice', async () => {
    const before = await t.test.platform.db.outboxEvent.count({ where: { tenantId: null } });
    expect((await login(`nobody-${randomUUID()}@nowhere.example`, PASSWORD)).statusCode).toBe(401);
    const rows = await t.test.platform.db.outboxEvent.findMany({
      where: { tenantId: null, subject: 'plh.tenant.audit.recorded' },
      orderBy: { seq: 'desc' },
      take: 1,
    });
    expect(await t.test.platform.db.outboxEvent.count({ where: { tenantId: null } })).toBe(before + 1);
    expect((rows[0]?.payload as { data: AuditRecord }).data).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      reason: 'UNKNOWN_EMAIL',
      resource: { type: 'user', id: null },
    });
  });

  it('records role changes, settings and API keys with before/after, under the signed client of the gateway', async () => {
    const { tenantId, owner } = await practice();
    const client = { ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (practice desk)' };
    const approver = await createUser(t.test.platform.db, {
      tenantId,
      email: `approver-${randomUUID()}@birch.example`,
      password: PASSWORD,
      role: 'approver',
    });
    const patchUser = await t.app.inject({
      method: 'PATCH',
      url: `/api/tenants/${tenantId}/users/${approver.id}`,
      headers: { ...(await t.as(owner, client)), 'user-agent': 'forged-by-the-client' },
      payload: { role: 'viewer' },
    });
    expect(patchUser.statusCode).toBe(200);
    expect(await last(tenantId)).toMatchObject({
      action: 'user.change',
      resource: { type: 'user', id: approver.id },
      actor: { kind: 'user', id: owner.id, role: 'owner' },
      changes: [{ field: 'role', from: 'approver', to: 'viewer' }],
      clientIp: client.ip,
      userAgent: client.userAgent,
    });

    const settings = await t.app.inject({
      method: 'PATCH',
      url: `/api/tenants/${tenantId}/settings`,
      headers: await t.as(owner, client),
      payload: { 'letters.defaultPostageClass': 'certified' },
    });
    expect(settings.statusCode).toBe(200);
    expect(await last(tenantId)).toMatchObject({
      action: 'settings.change',
      changes: [{ field: 'letters.defaultPostageClass', from: 'first_class', to: 'certified' }],
    });

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${tenantId}/api-keys`,
      headers: await t.as(owner, client),
      payload: { name: 'EHR bridge', scopes: ['orders:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, key } = created.json();
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/tenants/${tenantId}/api-keys/${apiKey.id}`,
      headers: await t.as(owner, client),
    });
    expect(revoked.statusCode).toBe(204);
    const records = await audit(tenantId);
    expect(records.slice(-2).map((r) => [r.action, r.resource.id])).toEqual([
      ['api-key.create', apiKey.id],
      ['api-key.revoke', apiKey.id],
    ]);
    expect(JSON.stringify(records)).not.toContain(key.split('_').at(-1));
  });

  it('records suspension by the ops team, and a refused (not a changed) refresh after it', async () => {
    const { tenantId, ownerEmail } = await practice();
    const session = (await login(ownerEmail, PASSWORD)).json();
    const suspend = await t.app.inject({
      method: 'POST',
      url: `/api/ops/tenants/${tenantId}/suspend`,
      headers: await t.as(ops),
    });
    expect(suspend.statusCode).toBe(204);
    expect(await last(tenantId)).toMatchObject({
      action: 'practice.suspend',
      actor: { kind: 'user', id: ops.id, role: 'ops_admin' },
      changes: [{ field: 'status', from: 'active', to: 'suspended' }],
    });
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    // Suspension revoked the family already: a revoked token presented again is a reuse.
    expect(await last(tenantId)).toMatchObject({
      action: 'auth.session-revoke',
      outcome: 'denied',
      reason: 'REFRESH_TOKEN_REUSED',
    });
  });

  it('a failed change leaves no audit record (it commits with the change or not at all)', async () => {
    const { tenantId, ownerId, owner } = await practice();
    const before = (await audit(tenantId)).length;
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/tenants/${tenantId}/users/${ownerId}`,
      headers: await t.as(owner),
      payload: { role: 'viewer' },
    });
    expect(demote.json()).toMatchObject({ status: 409, code: 'LAST_OWNER' });
    expect((await audit(tenantId)).length).toBe(before);
  });
});

describe('users under row-level security', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  it('a practice sees only its own users; the ops team only platform work; logins find everyone by email', async () => {
    const db = t.test.platform.db;
    const a = await provisionTenant(db, {
      name: 'A',
      ownerEmail: `a-${randomUUID()}@a.example`,
      ownerPassword: PASSWORD,
    });
    const b = await provisionTenant(db, {
      name: 'B',
      ownerEmail: `b-${randomUUID()}@b.example`,
      ownerPassword: PASSWORD,
    });
    const opsEmail = `ops-${randomUUID()}@plh.example`;
    const opsUser = await createUser(db, { tenantId: null, email: opsEmail, password: PASSWORD, role: 'ops_agent' });

    // The runtime role with no practice set sees no user at all (fail closed).
    expect(await db.user.count()).toBe(0);
    const seenByA = await withTenant(db, a.tenantId, (tx) => tx.user.findMany());
    expect(seenByA.map((u) => u.id)).toEqual([a.ownerId]);
    expect(await withTenant(db, a.tenantId, (tx) => tx.user.findUnique({ where: { id: b.ownerId } }))).toBeNull();
    expect(await withTenant(db, a.tenantId, (tx) => tx.user.findUnique({ where: { id: opsUser.id } }))).toBeNull();
    // Nor can a practice's transaction write a user into another practice or the ops team.
    await expect(
      withTenant(db, a.tenantId, (tx) =>
        tx.user.create({
          data: {
            id: randomUUID(),
            tenantId: b.tenantId,
            email: `x-${randomUUID()}@x.example`,
            passwordHash: 'x',
            role: 'owner',
          },
        }),
      ),
    ).rejects.toThrow();
    // The login lookup (SECURITY DEFINER) finds each of them, and only the one asked for.
    expect(await findUserByEmail(db, opsEmail)).toMatchObject({ id: opsUser.id, tenantId: null, role: 'ops_agent' });
    expect((await login(t, opsEmail)).statusCode).toBe(200);
  });
});

const login = (t: TestApp, email: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
