import { randomUUID } from 'node:crypto';
import { createAccessTokenVerifier, type Principal } from '@plh/service-kit';
import { withTenant } from '@plh/db';
import { buildTestApp, outboxOf, type TestApp } from './helpers';

describe('ops provisioning and invitations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const provision = async (who: Principal, body: object) =>
    t.app.inject({ method: 'POST', url: '/api/ops/tenants', headers: await t.as(who), payload: body });
  const accept = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/accept-invite', payload: { token, password } });
  const login = (email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.1`,
    });

  it('an ops admin provisions a practice; its owner accepts the one-time invite and is signed in', async () => {
    const ownerEmail = `Owner-${randomUUID()}@maple.example`;
    const res = await provision(opsAdmin, { name: 'Maple Street Clinic', orgNpi: '1234567893', ownerEmail });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { tenantId, ownerUserId, inviteToken } = res.json();
    expect(inviteToken).toMatch(/^plh_inv_/);

    const { events } = await outboxOf(t.test.platform.db, tenantId);
    expect(events.map((e) => e.subject)).toEqual(['plh.tenant.tenant.created', 'plh.tenant.user.invited']);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(ownerEmail.toLowerCase());

    expect((await login(ownerEmail, 'a long and unusual phrase')).statusCode).toBe(401); // not active yet
    expect((await accept(inviteToken, 'short')).statusCode).toBe(400);
    const accepted = await accept(inviteToken, 'a long and unusual phrase');
    expect(accepted.statusCode).toBe(200);
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const verify = createAccessTokenVerifier({
      jwks,
      issuer: t.config.TOKEN_ISSUER,
      audience: t.config.TOKEN_AUDIENCE,
    });
    await expect(verify(accepted.json().accessToken)).resolves.toMatchObject({
      userId: ownerUserId,
      tenantId,
      role: 'owner',
    });

    expect((await accept(inviteToken, 'another long phrase here')).json()).toMatchObject({
      status: 401,
      code: 'INVALID_INVITE',
    });
    expect((await login(ownerEmail, 'a long and unusual phrase')).statusCode).toBe(200);
  });

  it('only ops admins provision; an email in use and a bad NPI are refused', async () => {
    const ownerEmail = `owner-${randomUUID()}@oak.example`;
    const customer: Principal = { kind: 'user', id: randomUUID(), tenantId: randomUUID(), role: 'owner', scopes: [] };
    const agent: Principal = { ...opsAdmin, role: 'ops_agent' };
    expect((await provision(customer, { name: 'x', ownerEmail })).statusCode).toBe(403);
    expect((await provision(agent, { name: 'x', ownerEmail })).statusCode).toBe(403);
    expect((await provision(opsAdmin, { name: 'x', ownerEmail, orgNpi: '1234567890' })).statusCode).toBe(400);
    expect((await provision(opsAdmin, { name: 'Oak', ownerEmail })).statusCode).toBe(201);
    expect((await provision(opsAdmin, { name: 'Oak again', ownerEmail })).json()).toMatchObject({
      status: 409,
      code: 'EMAIL_TAKEN',
    });
  });

  it('an expired or unknown invitation does nothing', async () => {
    const res = await provision(opsAdmin, { name: 'Late Clinic', ownerEmail: `late-${randomUUID()}@late.example` });
    const { inviteToken, ownerUserId, tenantId } = res.json();
    await t.test.platform.db.invite.updateMany({
      where: { userId: ownerUserId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await accept(inviteToken, 'a long and unusual phrase')).statusCode).toBe(401);
    expect((await accept('plh_inv_unknown', 'a long and unusual phrase')).statusCode).toBe(401);
    const user = await withTenant(t.test.platform.db, tenantId, (tx) =>
      tx.user.findUnique({ where: { id: ownerUserId } }),
    );
    expect(user).toMatchObject({ status: 'invited', passwordHash: null });
  });
});
