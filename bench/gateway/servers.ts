/**
 * The three targets of the gateway benchmark, in one process (the load generator runs in another):
 * an upstream service (createService + internal-token verification, answering one small JSON
 * route), a bare @fastify/http-proxy in front of it (no auth), and our gateway in front of it.
 * Prints their addresses and the credentials as one JSON line on stdout.
 */
import { randomUUID } from 'node:crypto';
import httpProxy from '@fastify/http-proxy';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { buildApp as buildGateway } from '@plh/gateway';
import { ConfigSchema as GatewayConfig } from '@plh/gateway/config';
import {
  BaseConfigSchema,
  createInternalTokenVerifier,
  createService,
  loadConfig,
  requirePrincipal,
  signInternalToken,
} from '@plh/service-kit';

async function main(): Promise<void> {
  const tenantId = randomUUID();
  const userKeys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const internalKeys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const userJwk = { ...(await exportJWK(userKeys.publicKey)), kid: 'user-1', alg: 'EdDSA', use: 'sig' };
  const internalPublic = {
    ...(await exportJWK(internalKeys.publicKey)),
    kid: 'gateway:bench',
    alg: 'EdDSA',
    use: 'sig',
  };
  const internalPrivate = { ...(await exportJWK(internalKeys.privateKey)), kid: 'gateway:bench', alg: 'EdDSA' };

  // Upstream: what every service looks like to the gateway.
  const upstream = await createService({
    name: 'tenant',
    config: loadConfig(BaseConfigSchema, { LOG_LEVEL: 'silent' }),
  });
  upstream.get('/.well-known/jwks.json', async () => ({ keys: [userJwk] }));
  const verify = createInternalTokenVerifier({ jwks: { keys: [internalPublic] }, audience: 'tenant' });
  await upstream.register(async (scope) => {
    requirePrincipal(scope, verify);
    scope.get('/api/tenants/:tenantId/api-keys', async () => ({ items: [] }));
  });
  const upstreamUrl = await upstream.listen({ host: '127.0.0.1', port: 0 });

  const bare = Fastify({ logger: false });
  await bare.register(httpProxy, { upstream: upstreamUrl });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const gateway = await buildGateway(
    loadConfig(GatewayConfig, {
      LOG_LEVEL: 'silent',
      TENANT_URL: upstreamUrl,
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(internalPrivate),
      RATE_LIMIT_TENANT_PER_MIN: '100000000',
    }),
  );
  const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });

  const accessToken = await new SignJWT({ tid: tenantId, role: 'owner' })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'user-1' })
    .setIssuer('https://patientletterhub.local/tenant')
    .setAudience('plh-api')
    .setSubject(randomUUID())
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(userKeys.privateKey);
  const internalToken = await signInternalToken(
    { kid: 'gateway:bench', key: internalKeys.privateKey },
    { kind: 'user', id: randomUUID(), tenantId, role: 'owner', scopes: [] },
    'tenant',
    900,
  );
  process.stdout.write(
    `${JSON.stringify({ upstreamUrl, bareUrl, gatewayUrl, path: `/api/tenants/${tenantId}/api-keys`, accessToken, internalToken })}\n`,
  );
}

// Exit normally on a signal, so profilers and coverage tools get to write their output.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
