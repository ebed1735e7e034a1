import { randomUUID } from 'node:crypto';
import type { Principal } from '@plh/service-kit';
import { provisionTenant } from '../src/seeding';
import { buildTestApp, outboxOf, type TestApp } from './helpers';

const PASSWORD = 'correct horse battery staple';

describe('a practice runs its own accounts: invitations and passwords', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  async function practice() {
    const ownerEmail = `owner-${randomUUID()}@practice.example`;
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Birch Clinic',
      ownerEmail,
      ownerPassword: PASSWORD,
    });
    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    return { tenantId, owner, ownerEmail };
  }
  const call = async (who: Principal, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: await t.as(who), ...(payload ? { payload } : {}) });
  const accept = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/accept-invite', payload: { token, password } });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '10.9.8.7' });

  it('the owner invites a colleague, resends (the old link stops working) and the colleague signs in', async () => {
    const { tenantId, owner } = await practice();
    const email = `Nurse-${randomUUID()}@practice.example`;
    const invited = await call(owner, 'POST', `/api/tenants/${tenantId}/users`, { email, role: 'approver' });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({
      email: email.toLowerCase(),
      role: 'approver',
      inviteToken: expect.stringMatching(/^plh_inv_/),
    });
    const { userId, inviteToken: first } = invited.json();
    const again = await call(owner, 'POST', `/api/tenants/${tenantId}/users/${userId}/invitation`);
    expect(again.statusCode).toBe(201);
    const second = again.json().inviteToken;
    expect(second).not.toBe(first);
    // The event carries what the invitation email needs, and no address.
    const { events } = await outboxOf(t.test.platform.db, tenantId);
    const invitations = events
      .filter((e) => e.subject === 'plh.tenant.user.invited')
      .map((e) => e.payload as { data: Record<string, unknown> });
    expect(invitations.map((e) => e.data.acceptToken)).toEqual(expect.arrayContaining([first, second]));
    expect(JSON.stringify(invitations)).not.toContain(email.toLowerCase());

    expect((await accept(first, 'a long and unusual phrase')).statusCode).toBe(401); // replaced
    const signedIn = await accept(second, 'a long and unusual phrase');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ id: userId, role: 'approver', practice: { id: tenantId } });
    // Accepted: nothing left to resend or revoke.
    const late = await call(owner, 'DELETE', `/api/tenants/${tenantId}/users/${userId}/invitation`);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'INVITATION_ACCEPTED' });
  });

  it('revokes an invitation (the link and the account go) and refuses an email in use', async () => {
    const { tenantId, owner, ownerEmail } = await practice();
    const email = `temp-${randomUUID()}@practice.example`;
    const invited = (await call(owner, 'POST', `/api/tenants/${tenantId}/users`, { email, role: 'viewer' })).json();
    const revoked = await call(owner, 'DELETE', `/api/tenants/${tenantId}/users/${invited.userId}/invitation`);
    expect(revoked.statusCode).toBe(204);
    expect((await accept(invited.inviteToken, 'a long and unusual phrase')).statusCode).toBe(401);
    const users = (await call(owner, 'GET', `/api/tenants/${tenantId}/users`)).json().items;
    expect(users.map((u: { email: string }) => u.email)).not.toContain(email);
    // The address is free again; an address in use is refused.
    expect((await call(owner, 'POST', `/api/tenants/${tenantId}/users`, { email, role: 'viewer' })).statusCode).toBe(
      201,
    );
    const taken = await call(owner, 'POST', `/api/tenants/${tenantId}/users`, { email: ownerEmail, role: 'viewer' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    // Another practice's user is not found; a viewer may not invite.
    const other = await practice();
    expect(
      (await call(other.owner, 'DELETE', `/api/tenants/${other.tenantId}/users/${invited.userId}/invitation`))
        .statusCode,
    ).toBe(404);
    const viewer: Principal = { kind: 'user', id: randomUUID(), tenantId, role: 'viewer', scopes: [] };
    expect(
      (await call(viewer, 'POST', `/api/tenants/${tenantId}/users`, { email: 'x@y.example', role: 'viewer' }))
        .statusCode,
    ).toBe(403);
  });

  it('every user changes their own password: the current one first, then every session ends', async () => {
    const { owner, ownerEmail } = await practice();
    const session = (await login(ownerEmail, PASSWORD)).json();
    const wrong = await call(owner, 'POST', '/api/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(401);
    const weak = await call(owner, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const changed = await call(owner, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect((await login(ownerEmail, PASSWORD)).statusCode).toBe(401);
    expect((await login(ownerEmail, 'a brand new passphrase')).statusCode).toBe(200);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401); // the session from before the change has ended
    const key: Principal = {
      kind: 'api_key',
      id: randomUUID(),
      tenantId: owner.tenantId!,
      role: null,
      scopes: ['orders:read'],
    };
    expect((await call(key, 'POST', '/api/me/password', { currentPassword: 'x', newPassword: 'y' })).statusCode).toBe(
      403,
    );
  });

  it('resets a forgotten password with a single-use emailed token, saying nothing about unknown addresses', async () => {
    const { tenantId, owner, ownerEmail } = await practice();
    const ask = (email: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
    const confirm = (token: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, newPassword } });
    const session = (await login(ownerEmail, PASSWORD)).json();
    const unknown = await ask(`nobody-${randomUUID()}@practice.example`);
    const known = await ask(ownerEmail.toUpperCase());
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(unknown.json()).toEqual(known.json());
    const { events } = await outboxOf(t.test.platform.db, tenantId);
    const resets = events.filter((e) => e.subject === 'plh.tenant.user.password-reset-requested');
    expect(resets).toHaveLength(1);
    const token = (resets[0]!.payload as { data: { resetToken: string } }).data.resetToken;
    expect(JSON.stringify(resets.map((e) => e.payload))).not.toContain(ownerEmail);
    expect((await confirm(token, 'short')).statusCode).toBe(400);
    expect((await confirm('plh_pwr_made-up', 'a reset passphrase here')).statusCode).toBe(401);
    expect((await confirm(token, 'a reset passphrase here')).statusCode).toBe(204);
    expect((await confirm(token, 'another passphrase again')).json()).toMatchObject({ code: 'INVALID_RESET_TOKEN' });
    expect((await login(ownerEmail, 'a reset passphrase here')).statusCode).toBe(200);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401); // sessions from before the reset ended
    // A reset link still pending when the password is changed stops working.
    await ask(ownerEmail);
    const pending = (await outboxOf(t.test.platform.db, tenantId)).events
      .filter((e) => e.subject === 'plh.tenant.user.password-reset-requested')
      .map((e) => (e.payload as { data: { resetToken: string } }).data.resetToken)
      .at(-1)!;
    expect(pending).not.toBe(token);
    const changed = await call(owner, 'POST', '/api/me/password', {
      currentPassword: 'a reset passphrase here',
      newPassword: 'yet another fine passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect((await confirm(pending, 'a passphrase from the old link')).statusCode).toBe(401);
    // A flood of requests for one address sends a few emails, then quietly none.
    for (let i = 0; i < 8; i++) expect((await ask(ownerEmail)).statusCode).toBe(202);
    const after = (await outboxOf(t.test.platform.db, tenantId)).events.filter(
      (e) => e.subject === 'plh.tenant.user.password-reset-requested',
    );
    expect(after.length).toBeLessThanOrEqual(5);
  });
});
