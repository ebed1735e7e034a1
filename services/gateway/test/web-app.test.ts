import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, type ServiceApp } from '@plh/service-kit';
import { buildApp } from '../src/app';
import { ConfigSchema } from '../src/config';
import { WEB_CSP } from '../src/web-app';

/** The gateway serves the built web app at / (same origin as the API), and the API stays the API. */
describe('the web app at /', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plh-web-'));
  let gateway: ServiceApp;

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>',
    );
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(path.join(dir, 'secret.txt'), 'not an asset');
    const { privateKey } = generateKeyPairSync('ed25519');
    gateway = await buildApp(
      loadConfig(ConfigSchema, {
        LOG_LEVEL: 'silent',
        TENANT_URL: 'http://127.0.0.1:9',
        WEB_DIST_DIR: dir,
        INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify({
          ...privateKey.export({ format: 'jwk' }),
          kid: 'gateway:test',
          alg: 'EdDSA',
        }),
      }),
    );
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the app with a strict Content-Security-Policy, never cached', async () => {
    const res = await gateway.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain("'unsafe-eval'");
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="root">');
    // A page the app routes itself, loaded directly (a bookmark, a reload).
    const deep = await gateway.inject({
      method: 'GET',
      url: '/orders/123?tab=proof',
      headers: { accept: 'text/html' },
    });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(res.body);
  });

  it('serves hashed assets for a year and nothing else from the folder', async () => {
    const js = await gateway.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/missing.js', '/assets/..%2Fsecret.txt', '/secret.txt', '/assets/../secret.txt']) {
      const res = await gateway.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.body).not.toContain('not an asset');
    }
  });

  it('keeps /api the API: an unknown API path is the 404 problem, not the app', async () => {
    for (const url of ['/api/nothing-here', '/api']) {
      const res = await gateway.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const login = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.example', password: 'x' },
    });
    expect(login.statusCode).not.toBe(404);
  });
});
