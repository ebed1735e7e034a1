import { randomBytes, randomUUID } from 'node:crypto';
import { createAccessTokenVerifier, type ServiceApp } from '@plh/service-kit';
import type { TestPlatform } from '@plh/service-kit/testing';
import type { Config } from '../src/config';
import { InvalidCredentials } from '../src/domain/problems';
import { THROTTLE } from '../src/domain/auth/login-throttle';
import { createUser, provisionTenant } from '../src/seeding';
import type { PrismaClient } from '../generated/prisma';
import { buildTestApp, type TestApp } from './helpers';

const PASSWORD = 'correct horse battery staple';

describe('login, refresh, logout', () => {
  let test: TestPlatform<PrismaClient>;
  let app: ServiceApp;
  let config: Config;

  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    ({ test, app, config } = t);
  });
  afterAll(() => t.close());

  /** Each test gets its own practice, owner and client IP, so throttles never cross tests. */
  async function practice() {
    const ownerEmail = `owner-${randomUUID()}@practice.example`;
    const { tenantId, ownerId } = await provisionTenant(test.platform.db, {
      name: 'Oak Family Medicine',
      ownerEmail,
      ownerPassword: PASSWORD,
    });
    const ip = `10.${randomBytes(3).join('.')}`;
    return { tenantId, ownerId, ownerEmail, ip };
  }
  const login = (email: string, password: string, ip: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });
  const refresh = (refreshToken: string) =>
    app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const pastFailures = (key: string) =>
    test.platform.db.$executeRawUnsafe(
      `UPDATE login_throttle SET last_failure_at = now() - interval '2 minutes' WHERE key = $1`,
      key,
    );

  it('logs in with email and password and returns a verifiable 15-minute access token and a refresh token', async () => {
    const { tenantId, ownerId, ownerEmail, ip } = await practice();
    const res = await login(ownerEmail.toUpperCase(), PASSWORD, ip);
    expect(res.statusCode).toBe(200);
    const session = res.json();
    expect(session).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^plh_rt_/),
    });
    const jwks = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const verify = createAccessTokenVerifier({ jwks, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE });
    await expect(verify(session.accessToken)).resolves.toMatchObject({ userId: ownerId, tenantId, role: 'owner' });
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const { ownerEmail, ip } = await practice();
    const wrong = await login(ownerEmail, 'not the password at all', ip);
    const unknown = await login(`nobody-${randomUUID()}@practice.example`, PASSWORD, ip);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json()).toMatchObject({ code: new InvalidCredentials().code });
  });

  it('slows repeated bad logins down, then locks the account, the same way for unknown emails', async () => {
    const { ownerEmail, ip } = await practice();
    const ghost = `ghost-${randomUUID()}@practice.example`;
    for (const email of [ownerEmail, ghost]) {
      for (let i = 0; i < THROTTLE.accountFreeFailures; i++)
        expect((await login(email, 'wrong password here', ip)).statusCode).toBe(401);
      const slowed = await login(email, PASSWORD, ip); // even the right password must wait
      expect(slowed.statusCode).toBe(429);
      expect(slowed.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Let each delay pass (by moving the last failure back 2 minutes) until the account locks: failures
    // decay (2 minutes take ~5% off each), so it takes a few attempts more than the count alone.
    let attempts = THROTTLE.accountFreeFailures;
    for (;;) {
      await pastFailures(`acct:${ownerEmail}`);
      const res = await login(ownerEmail, 'wrong password here', `${ip}1`);
      if (res.statusCode === 429) break;
      expect(res.statusCode).toBe(401);
      attempts += 1;
      expect(attempts).toBeLessThanOrEqual(THROTTLE.accountLockAfter + 3);
    }
    expect(attempts).toBeGreaterThanOrEqual(THROTTLE.accountLockAfter);
    const locked = await login(ownerEmail, PASSWORD, `${ip}2`);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('never locks an office out behind one IP: a known client passes the IP throttle, and failures decay', async () => {
    const { ownerEmail, ip } = await practice();
    expect((await login(ownerEmail, PASSWORD, ip)).statusCode).toBe(200); // the owner has signed in from here
    // Colleagues mistype their own passwords all morning, from the office's one address.
    for (let i = 0; i < THROTTLE.ipFreeFailures; i++)
      expect((await login(`staff-${i}-${randomUUID()}@practice.example`, 'a typo in it', ip)).statusCode).toBe(401);
    // A client this address never signed in for is held back (password spraying)…
    const stranger = await login(`new-${randomUUID()}@practice.example`, 'a guess at it', ip);
    expect(stranger.statusCode).toBe(429);
    // …the owner, whose account has no failures of its own, is not.
    expect((await login(ownerEmail, PASSWORD, ip)).statusCode).toBe(200);
    // Three hours later the address's failures weigh 1/64: a new failure is counted, not refused.
    await test.platform.db.$executeRawUnsafe(
      `UPDATE login_throttle SET last_failure_at = last_failure_at - interval '3 hours' WHERE key = $1`,
      `ip:${ip}`,
    );
    expect((await login(`later-${randomUUID()}@practice.example`, 'a guess at it', ip)).statusCode).toBe(401);
    const [row] = await test.platform.db.$queryRawUnsafe<Array<{ score: number }>>(
      'SELECT score FROM login_throttle WHERE key = $1',
      `ip:${ip}`,
    );
    expect(row!.score).toBeGreaterThan(1);
    expect(row!.score).toBeLessThan(2);
  });

  it('resets the account counter after a successful login', async () => {
    const { ownerEmail, ip } = await practice();
    for (let i = 0; i < THROTTLE.accountFreeFailures - 1; i++) await login(ownerEmail, 'wrong password here', ip);
    expect((await login(ownerEmail, PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < THROTTLE.accountFreeFailures; i++)
      expect((await login(ownerEmail, 'wrong password here', ip)).statusCode).toBe(401);
  });

  it('rotates refresh tokens; reusing a used one revokes the whole family', async () => {
    const { ownerEmail, ip } = await practice();
    const first = (await login(ownerEmail, PASSWORD, ip)).json();
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = second.json();
    expect(rotated.refreshToken).not.toBe(first.refreshToken);

    const replay = await refresh(first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    // The thief's replay also ends the legitimate holder's session: they must sign in again.
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
  });

  it('logout revokes the session', async () => {
    const { ownerEmail, ip } = await practice();
    const session = (await login(ownerEmail, PASSWORD, ip)).json();
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } }))
        .statusCode,
    ).toBe(204);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('a suspended user or tenant cannot log in, and gets the same answer as a wrong password', async () => {
    const { tenantId, ownerEmail, ip } = await practice();
    await test.platform.db.tenant.update({ where: { id: tenantId }, data: { status: 'suspended' } });
    const res = await login(ownerEmail, PASSWORD, ip);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('refuses weak passwords when creating users', async () => {
    const { tenantId } = await practice();
    const email = `weak-${randomUUID()}@practice.example`;
    for (const password of ['short', 'password1234', 'Password123!', `${email.split('@')[0]}-secret`]) {
      await expect(createUser(test.platform.db, { tenantId, email, password, role: 'viewer' })).rejects.toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(
      createUser(test.platform.db, { tenantId, email, password: 'a long and unusual phrase', role: 'viewer' }),
    ).resolves.toHaveProperty('id');
  });
});
