import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID, createHmac } from 'node:crypto';
import path from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { createAccessTokenVerifier, type ServiceApp } from '@plh/service-kit';
import type { TestPlatform } from '@plh/service-kit/testing';
import type { Config } from '../src/config';
import { parseKeyEncryptionKeys } from '../src/domain/signing/sealed-secret';
import { tenantUnitOfWork } from '../src/data/unit-of-work';
import { AccessTokenIssuer } from '../src/domain/signing/access-token-issuer';
import { rotateSigningKey, type SigningDeps } from '../src/domain/signing/signing-keys';
import type { PrismaClient } from '../generated/prisma';
import { buildTestApp, type TestApp } from './helpers';

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('access tokens: EdDSA, kid, JWKS, rotation', () => {
  let test: TestPlatform<PrismaClient>;
  let app: ServiceApp;
  let config: Config;
  let signing: SigningDeps;
  let issuer: AccessTokenIssuer;

  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    ({ test, app, config } = t);
    signing = {
      unitOfWork: tenantUnitOfWork(test.platform.db, test.platform.registry),
      keks: parseKeyEncryptionKeys(config.KEY_ENCRYPTION_KEY),
      issuer: config.TOKEN_ISSUER,
      audience: config.TOKEN_AUDIENCE,
      accessTokenTtlSec: config.ACCESS_TOKEN_TTL_SEC,
    };
    issuer = new AccessTokenIssuer(signing);
  });
  afterAll(() => t.close());

  const jwks = async () => (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
  const verifier = async () =>
    createAccessTokenVerifier({ jwks: await jwks(), issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE });
  const claims = { userId: randomUUID(), tenantId: randomUUID(), role: 'approver' as const };
  const rejected = async (token: string) =>
    expect((await verifier())(token)).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });

  it('publishes Ed25519 public keys only, with kid, no private parts', async () => {
    const res = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    const { keys } = res.json() as { keys: Array<Record<string, unknown>> };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('a token it issues verifies, with the principal it describes', async () => {
    const before = Date.now();
    const { token } = await issuer.issue(claims);
    const after = Date.now();
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(typeof header.kid).toBe('string');
    await expect((await verifier())(token)).resolves.toMatchObject({
      userId: claims.userId,
      tenantId: claims.tenantId,
      role: 'approver',
    });
    // Issued at to the millisecond (the gateway's revocations compare that precisely).
    const { issuedAt } = await (await verifier())(token);
    expect(issuedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(issuedAt.getTime()).toBeLessThanOrEqual(after);
  });

  it('refuses an expired token and one not yet valid', async () => {
    const past = new AccessTokenIssuer({ ...signing, accessTokenTtlSec: 60 });
    const realNow = Date.now;
    try {
      Date.now = () => realNow() - 10 * 60_000; // issued ten minutes ago, for one minute
      const expired = (await past.issue(claims)).token;
      Date.now = () => realNow() + 10 * 60_000; // issued "ten minutes from now"
      const future = (await past.issue(claims)).token;
      Date.now = realNow;
      await rejected(expired);
      await rejected(future);
    } finally {
      Date.now = realNow;
    }
  });

  it('refuses the wrong issuer or audience', async () => {
    await rejected((await new AccessTokenIssuer({ ...signing, issuer: 'https://evil.example' }).issue(claims)).token);
    await rejected((await new AccessTokenIssuer({ ...signing, audience: 'another-api' }).issue(claims)).token);
  });

  it('refuses alg none, HS256 signed with the public key, an unknown kid and a tampered payload', async () => {
    const { token } = await issuer.issue(claims);
    const [headerPart, payloadPart] = token.split('.') as [string, string];
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString());

    await rejected(`${b64url({ ...header, alg: 'none' })}.${payloadPart}.`);

    // Algorithm confusion: HMAC keyed with the (public) JWKS entry, as a naive verifier would accept.
    const publicKey = JSON.stringify((await jwks()).keys.find((k: { kid: string }) => k.kid === header.kid));
    const hsHeader = b64url({ ...header, alg: 'HS256' });
    const hsSig = createHmac('sha256', publicKey).update(`${hsHeader}.${payloadPart}`).digest('base64url');
    await rejected(`${hsHeader}.${payloadPart}.${hsSig}`);

    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const unknownKid = await new SignJWT({ tid: claims.tenantId, role: 'approver' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: randomUUID() })
      .setIssuer(config.TOKEN_ISSUER)
      .setAudience(config.TOKEN_AUDIENCE)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    await rejected(unknownKid);

    const tampered = `${headerPart}.${b64url({ ...payload, role: 'ops_admin', tid: null })}.${token.split('.')[2]}`;
    await rejected(tampered);
    await rejected('not-a-jwt');
  });

  it('rotates keys without logging anyone out', async () => {
    const before = await issuer.issue(claims);
    const beforeKid = JSON.parse(Buffer.from(before.token.split('.')[0]!, 'base64url').toString()).kid;
    const { kid } = await rotateSigningKey(signing);
    issuer.reset();
    const after = await issuer.issue(claims);
    const afterKid = JSON.parse(Buffer.from(after.token.split('.')[0]!, 'base64url').toString()).kid;
    expect(afterKid).toBe(kid);
    expect(afterKid).not.toBe(beforeKid);
    const verify = await verifier();
    await expect(verify(before.token)).resolves.toMatchObject({ userId: claims.userId });
    await expect(verify(after.token)).resolves.toMatchObject({ userId: claims.userId });
    const kids = (await jwks()).keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([beforeKid, afterKid]));
  });

  it('rotates the key-encryption key: plh-tenant rotate-signing-key under new,old, then the old one can go', async () => {
    const oldKek = config.KEY_ENCRYPTION_KEY;
    const newKek = randomBytes(32).toString('base64');
    const before = await issuer.issue(claims);
    const cli = spawnSync(process.execPath, [path.join(__dirname, '../dist/cli.js'), 'rotate-signing-key'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: config.DATABASE_URL,
        KEY_ENCRYPTION_KEY: `${newKek},${oldKek}`,
      },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const { activeKid } = JSON.parse(cli.stdout) as { activeKid: string };

    const issuerWith = (keks: string) => new AccessTokenIssuer({ ...signing, keks: parseKeyEncryptionKeys(keks) });
    // Replicas rolled with new,old sign with the new key; one still on the old key alone cannot open it.
    const rolled = await issuerWith(`${newKek},${oldKek}`).issue(claims);
    expect(JSON.parse(Buffer.from(rolled.token.split('.')[0]!, 'base64url').toString()).kid).toBe(activeKid);
    await expect(issuerWith(oldKek).issue(claims)).rejects.toThrow('no key in KEY_ENCRYPTION_KEY opens it');
    // The old key-encryption key is no longer needed, and nobody was logged out.
    await expect(issuerWith(newKek).issue(claims)).resolves.toMatchObject({ token: expect.any(String) });
    const verify = await verifier();
    await expect(verify(before.token)).resolves.toMatchObject({ userId: claims.userId });
    await expect(verify(rolled.token)).resolves.toMatchObject({ userId: claims.userId });
  });

  it('refuses a KEY_ENCRYPTION_KEY that is not 32 bytes', () => {
    expect(() => parseKeyEncryptionKeys(`${randomBytes(32).toString('base64')},c2hvcnQ=`)).toThrow('32 bytes');
  });

  it('keeps private keys sealed at rest', async () => {
    const rows = await test.platform.db.signingKey.findMany();
    for (const row of rows) {
      expect(row.privateSealed.startsWith('v1.')).toBe(true);
      expect(row.privateSealed).not.toContain('"d"');
    }
  });
});
