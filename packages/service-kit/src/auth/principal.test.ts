import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair } from 'jose';
import { BaseConfigSchema, loadConfig } from '../config';
import { createService, type ServiceApp } from '../create-service';
import {
  createInternalTokenVerifier,
  INTERNAL_TOKEN_HEADER,
  signInternalToken,
  type InternalSigner,
  type Principal,
} from './internal-token';
import { principalOf, requirePrincipal } from './principal';

const silent = new Writable({ write: (_c, _e, done) => done() });

describe('internal tokens and the principal scope', () => {
  let app: ServiceApp;
  let signer: InternalSigner;
  let stranger: InternalSigner;
  let proofEngine: InternalSigner;
  const user: Principal = { kind: 'user', id: 'u1', tenantId: 't1', role: 'approver', scopes: [] };

  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const proof = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    signer = { kid: 'gateway:1', key: pair.privateKey };
    stranger = { kid: 'gateway:1', key: other.privateKey }; // same kid, wrong key
    proofEngine = { kid: 'proof-engine:1', key: proof.privateKey };
    const jwks = {
      keys: [
        { ...(await exportJWK(pair.publicKey)), kid: 'gateway:1', alg: 'EdDSA' },
        { ...(await exportJWK(proof.publicKey)), kid: 'proof-engine:1', alg: 'EdDSA' },
      ],
    };
    const verify = createInternalTokenVerifier({ jwks, audience: 'core' });
    app = await createService({
      name: 'core',
      config: loadConfig(BaseConfigSchema, { LOG_LEVEL: 'silent' }),
      logStream: silent,
    });
    app.get('/public', async () => ({ ok: true }));
    await app.register(async (scope) => {
      requirePrincipal(scope, verify);
      scope.get('/me', async (req) => principalOf(req));
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const me = (token?: string) =>
    app.inject({ method: 'GET', url: '/me', headers: token === undefined ? {} : { [INTERNAL_TOKEN_HEADER]: token } });

  it('sets the principal from a valid token addressed to this service', async () => {
    const res = await me(await signInternalToken(signer, user, 'core'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(user);
    const key: Principal = { kind: 'api_key', id: 'k1', tenantId: 't1', role: null, scopes: ['orders:read'] };
    expect((await me(await signInternalToken(signer, key, 'core'))).json()).toEqual(key);
  });

  it('refuses a missing, forged, misaddressed or expired token with a 401 problem', async () => {
    for (const token of [
      undefined,
      'garbage',
      await signInternalToken(stranger, user, 'core'),
      await signInternalToken(signer, user, 'tenant'),
      await signInternalToken(signer, user, 'core', -120),
    ]) {
      const res = await me(token);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it("a service's key speaks only for that service, with its own scopes; never for a person", async () => {
    const itself: Principal = {
      kind: 'service',
      id: 'proof-engine',
      tenantId: null,
      role: null,
      scopes: ['mailing:read'],
    };
    expect((await me(await signInternalToken(proofEngine, itself, 'core'))).json()).toEqual(itself);
    const ops: Principal = { kind: 'user', id: 'u9', tenantId: null, role: 'ops_admin', scopes: [] };
    for (const claimed of [
      ops,
      user,
      { kind: 'api_key', id: 'k1', tenantId: 't1', role: null, scopes: ['orders:read'] } as Principal,
      { ...itself, id: 'gateway', scopes: ['api-keys:verify'] } as Principal,
      { ...itself, scopes: ['mailing:read', 'settings:read'] } as Principal,
    ]) {
      const res = await me(await signInternalToken(proofEngine, claimed, 'core'));
      expect({ claimed, status: res.statusCode }).toEqual({ claimed, status: 401 });
    }
  });

  it('a bare identity header is not a principal', async () => {
    const res = await app.inject({ method: 'GET', url: '/me', headers: { 'x-tenant-id': 't1', 'x-user-id': 'u1' } });
    expect(res.statusCode).toBe(401);
  });

  it('leaves routes outside the scope (and health) alone', async () => {
    expect((await app.inject({ method: 'GET', url: '/public' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
