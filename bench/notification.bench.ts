/**
 * Webhook fan-out: the notification service (its own process, `node dist/server.js`) delivering signed
 * webhooks to partner endpoints on a local receiver.
 *   fan-out: BENCH_NOTIFY_EVENTS (1,000) `plh.core.order.approved` events of 100 practices, each with
 *            BENCH_NOTIFY_ENDPOINTS / 100 endpoints subscribed (1,000 in all): 10,000 deliveries, published at
 *            once on the core stream as core's relay would. Deliveries/s from the first publish to the last
 *            delivery, and each delivery's latency from its event's publication.
 *   baseline: a bare undici POST loop sending the same 10,000 bodies to the same URLs with the same
 *            concurrency (no database, no queue, no signing), in the same run.
 *   paced:   events at BENCH_NOTIFY_RATE / (endpoints per practice) a second for BENCH_NOTIFY_PACED_SEC,
 *            i.e. BENCH_NOTIFY_RATE (200) deliveries/s: event → delivery p50/p99.
 *   Targets (2-core machine): ≥ 50% of the bare loop's deliveries/s; p99 < 1 s at 200 deliveries/s.
 * The endpoints are spread over 100 loopback addresses (127.0.1.x), as partners are separate hosts
 * (one connection pool each); the tenant service's user directory is a stand-in answering "no users"
 * (webhooks only).
 */
import { spawn } from 'node:child_process';
import { randomUUID, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { ALL_EVENTS, createEvent, EventRegistry, OrderApproved } from '@plh/contracts';
import { setupServiceDatabase } from '@plh/db';
import { connectNats, ensureServiceStream, Namespace } from '@plh/event-bus';
import { signInternalToken, type Principal } from '@plh/service-kit';
import { freePort, startEmbeddedPostgres, startNatsServer } from '@plh/test-kit';
import { exportJWK, generateKeyPair } from 'jose';
import { Pool } from 'pg';
import { Agent, request } from 'undici';
import { fmt, paced, percentile, pool, report } from './stats';

const EVENTS = Number(process.env.BENCH_NOTIFY_EVENTS ?? 1_000);
const ENDPOINTS = Number(process.env.BENCH_NOTIFY_ENDPOINTS ?? 1_000);
const RATE = Number(process.env.BENCH_NOTIFY_RATE ?? 200);
const PACED_SEC = Number(process.env.BENCH_NOTIFY_PACED_SEC ?? 15);
const CONCURRENCY = Number(process.env.BENCH_NOTIFY_CONCURRENCY ?? 32);
const PRACTICES = 100;
const PER_PRACTICE = Math.max(1, Math.round(ENDPOINTS / PRACTICES));
const HOSTS = 100;

const practices = Array.from({ length: PRACTICES }, () => randomUUID());

/** The partners' side: one server on 0.0.0.0 answering 200 at once; records when each webhook-id arrived. */
async function startReceiver() {
  const arrivals = new Map<string, number>();
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      const id = req.headers['webhook-id'];
      if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, performance.timeOrigin + performance.now());
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 30_000;
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '0.0.0.0', () => resolve((server.address() as { port: number }).port)),
  );
  return { port, arrivals, count: () => count, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The tenant service's user directory as the benchmark needs it: no users (webhooks only). */
async function startDirectory() {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items":[]}');
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ fast: false });
  const nats = await startNatsServer();
  const serviceDir = require.resolve('@plh/notification/package.json').replace(/package\.json$/, '');
  const db = await setupServiceDatabase(pg.adminUrl, 'notification', `${serviceDir}prisma/migrations`, {
    migratorPassword: 'bench-m',
    appPassword: 'bench-a',
  });
  const admin = new Pool({ connectionString: pg.adminUrl, max: 2 });
  const receiver = await startReceiver();
  const directory = await startDirectory();
  const gatewayKey = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const ownKey = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = async (key: Parameters<typeof exportJWK>[0], kid: string, extra = {}) => ({
    ...(await exportJWK(key)),
    kid,
    alg: 'EdDSA',
    ...extra,
  });
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const service = spawn(process.execPath, [...profile, `${serviceDir}dist/server.js`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      DATABASE_URL: db.appUrl,
      NATS_URL: nats.url,
      TENANT_URL: directory.url,
      INTERNAL_TOKEN_JWKS: JSON.stringify({
        keys: [
          await jwk(gatewayKey.publicKey, 'gateway:bench', { use: 'sig' }),
          await jwk(ownKey.publicKey, 'notification:bench', { use: 'sig' }),
        ],
      }),
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(await jwk(ownKey.privateKey, 'notification:bench')),
      WEBHOOK_SECRET_KEYS: `test1:${randomBytes(32).toString('base64')}`,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const ownerOf = (tenantId: string): Principal => ({
    kind: 'user',
    id: randomUUID(),
    tenantId,
    role: 'owner',
    scopes: [],
  });
  const post = async (tenantId: string, path: string, body: unknown) => {
    const res = await fetch(`${base}/api/tenants/${tenantId}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-plh-internal-token': await signInternalToken(
          { kid: 'gateway:bench', key: gatewayKey.privateKey },
          ownerOf(tenantId),
          'notification',
          600,
        ),
      },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 300) throw new Error('the notification service did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    const urls: string[][] = practices.map(() => []);
    let n = 0;
    for (const [p, tenantId] of practices.entries())
      for (let e = 0; e < PER_PRACTICE; e++, n++) {
        const url = `http://127.0.1.${(n % HOSTS) + 1}:${receiver.port}/hooks/${n}`;
        await post(tenantId, '/notifications/webhooks', { url, topics: ['order.approved'] });
        urls[p]!.push(url);
      }
    const clients = await connectNats(nats.url, 'bench-core');
    const ns = new Namespace('');
    await ensureServiceStream(clients.jsm, ns, 'core');
    new EventRegistry(ALL_EVENTS); // the same contracts the service validates with
    const publishedAt = new Map<string, number>();
    const publish = async (i: number) => {
      const event = createEvent(OrderApproved, {
        source: 'core',
        tenantId: practices[i % PRACTICES]!,
        data: { orderId: randomUUID(), proofId: randomUUID(), proofSha256: 'a'.repeat(64) },
      });
      publishedAt.set(event.data.orderId, performance.timeOrigin + performance.now());
      await clients.js.publish(ns.subject(event.type), JSON.stringify(event), { msgID: event.id });
      return event;
    };
    /** Latency of each delivered message: its arrival at the receiver minus its event's publication. */
    const latencies = async (since: Date) => {
      const { rows } = await admin.query<{ id: string; order_id: string }>(
        `SELECT id::text, content->'data'->>'orderId' AS order_id FROM notification.message
          WHERE channel = 'webhook' AND created_at >= $1`,
        [since],
      );
      return rows.flatMap((r) => {
        const arrived = receiver.arrivals.get(`msg_${r.id.replaceAll('-', '')}`);
        const published = publishedAt.get(r.order_id);
        return arrived && published ? [arrived - published] : [];
      });
    };
    const waitDelivered = async (expected: number) => {
      for (;;) {
        const { rows } = await admin.query<{ n: number; failed: number }>(
          `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS n, count(*) FILTER (WHERE status = 'failed')::int AS failed
             FROM notification.message WHERE channel = 'webhook'`,
        );
        if (rows[0]!.failed) throw new Error(`${rows[0]!.failed} deliveries failed`);
        if (rows[0]!.n >= expected) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // Warm-up: one event per practice.
    const warm = new Date();
    for (let i = 0; i < PRACTICES; i++) await publish(i);
    await waitDelivered(PRACTICES * PER_PRACTICE);

    // Fan-out: every event at once.
    const fanStart = new Date();
    let started = performance.now();
    await Promise.all(Array.from({ length: EVENTS }, (_, i) => publish(i)));
    await waitDelivered(PRACTICES * PER_PRACTICE + EVENTS * PER_PRACTICE);
    const fanSec = (performance.now() - started) / 1000;
    const fanLatency = await latencies(fanStart);
    const deliveries = EVENTS * PER_PRACTICE;

    // Paced: RATE deliveries a second.
    const pacedStart = new Date();
    const eventsPerSec = RATE / PER_PRACTICE;
    const pacedEvents = Math.round(eventsPerSec * PACED_SEC);
    await paced(pacedEvents, eventsPerSec, async (i) => void (await publish(i)));
    await waitDelivered(PRACTICES * PER_PRACTICE + deliveries + pacedEvents * PER_PRACTICE);
    const pacedLatency = await latencies(pacedStart);
    await clients.nc.drain();

    // Baseline: a bare undici POST loop, the same URLs and bodies, the same concurrency.
    const agent = new Agent({ connections: 8 });
    const body = JSON.stringify({
      type: 'order.approved',
      timestamp: new Date().toISOString(),
      data: { practiceId: practices[0], orderId: randomUUID(), proofId: randomUUID() },
    });
    const flat = Array.from(
      { length: deliveries },
      (_, i) => urls[i % PRACTICES]![Math.floor(i / PRACTICES) % PER_PRACTICE]!,
    );
    started = performance.now();
    await pool(deliveries, CONCURRENCY, async (i) => {
      const res = await request(flat[i]!, {
        method: 'POST',
        dispatcher: agent,
        body,
        headers: { 'content-type': 'application/json' },
      });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`bare POST answered ${res.statusCode}`);
    });
    const bareSec = (performance.now() - started) / 1000;
    await agent.close();
    void warm;

    const perSec = deliveries / fanSec;
    const barePerSec = deliveries / bareSec;
    console.log(
      `\nnotification webhook fan-out (${deliveries} deliveries to ${PRACTICES * PER_PRACTICE} endpoints, concurrency ${CONCURRENCY})`,
    );
    console.log(
      `  service     ${fmt(perSec, 0)} deliveries/s (${fmt(fanSec)} s); event → delivery p50 ${fmt(percentile(fanLatency, 50), 0)} ms, p99 ${fmt(percentile(fanLatency, 99), 0)} ms`,
    );
    console.log(`  bare undici ${fmt(barePerSec, 0)} POSTs/s (${fmt(bareSec)} s)`);
    console.log(`  ratio       ${fmt(perSec / barePerSec, 3)} of the bare loop (target ≥ 0.5)`);
    console.log(
      `  paced       ${RATE} deliveries/s for ${PACED_SEC} s (${pacedLatency.length} deliveries): p50 ${fmt(percentile(pacedLatency, 50), 0)} ms, p99 ${fmt(percentile(pacedLatency, 99), 0)} ms (target p99 < 1000 ms)`,
    );
    report('notification', {
      deliveriesPerSec: perSec,
      bareDeliveriesPerSec: barePerSec,
      ratioToBare: perSec / barePerSec,
      fanoutP50Ms: percentile(fanLatency, 50),
      fanoutP99Ms: percentile(fanLatency, 99),
      pacedP50Ms: percentile(pacedLatency, 50),
      pacedP99Ms: percentile(pacedLatency, 99),
    });
  } finally {
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
    await receiver.close();
    await directory.close();
    await admin.end();
    await nats.stop();
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
