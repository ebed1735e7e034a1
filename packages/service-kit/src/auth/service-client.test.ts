import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { ServiceUnavailable } from '../problem';
import { createInternalTokenMinter, createInternalTokenVerifier } from './internal-token';
import { createServiceClient } from './service-client';

describe('service client', () => {
  let server: Server;
  let baseUrl: string;
  let mint: ReturnType<typeof createInternalTokenMinter>;
  let verify: ReturnType<typeof createInternalTokenVerifier>;
  const seen: Array<{ scopes: string[]; id: string }> = [];

  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    mint = createInternalTokenMinter({ kid: 'proof-engine:k', key: pair.privateKey });
    verify = createInternalTokenVerifier({
      jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'proof-engine:k', alg: 'EdDSA' }] },
      audience: 'core',
    });
    server = createServer((req, res) => {
      void (async () => {
        const principal = await verify(String(req.headers['x-plh-internal-token'])).catch(() => null);
        if (principal) seen.push({ scopes: principal.scopes, id: principal.id });
        const status = principal ? Number(req.url!.slice(1)) : 401;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? '{"ok":true}' : '{}');
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const client = (url = baseUrl) =>
    createServiceClient({
      baseUrl: url,
      mint,
      caller: 'proof-engine',
      audience: 'core',
      scopes: ['mailing:read'],
      unavailable: 'core is away',
      timeoutMs: 1_000,
    });

  it('calls as this service with its scopes: 200 is the body, 404 is null', async () => {
    const c = client();
    await expect(c.get('/200')).resolves.toEqual({ ok: true });
    await expect(c.get('/404')).resolves.toBeNull();
    expect(seen.at(-1)).toEqual({ id: 'proof-engine', scopes: ['mailing:read'] });
    await c.close();
  });

  it('answers 503 for any other status and for a service that does not answer', async () => {
    const c = client();
    for (const path of ['/500', '/403', '/204'])
      await expect(c.get(path)).rejects.toThrow(new ServiceUnavailable('core is away'));
    await c.close();
    const down = client('http://127.0.0.1:1');
    await expect(down.get('/200')).rejects.toBeInstanceOf(ServiceUnavailable);
    await down.close();
  });
});
