/**
 * The audit trail: append throughput through the real path and verification of a long chain.
 *   append:  BENCH_AUDIT_RECORDS (20,000) audit records of BENCH_AUDIT_PRACTICES (100) practices committed
 *            to core's outbox, then core's relay started: records/s until the compliance service (its own
 *            process, `node dist/server.js`) has chained every one; baseline: the same rows inserted
 *            straight into a plain table (no relay, no NATS, no inbox, no hashing), in the same run.
 *   verify:  BENCH_AUDIT_VERIFY (1,000,000) entries of one practice with a signed checkpoint, verified
 *            through GET …/compliance/audit/verify; the floor: the same chain re-computed in memory
 *            (no database), in the same run.
 *            The ceiling of the path is printed too: JetStream alone storing the same messages.
 *   Targets (2-core machine): ≥ 2,000 records/s appended; verify 1M entries < 10 s.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  chainEntries,
  ChainVerifier,
  checkpointSigner,
  CompactTree,
  entryLeaf,
  generateCheckpointKey,
  GENESIS_HASH,
  type ChainEntry,
} from '@plh/audit-chain';
import { AUDIT_EVENTS, ALL_EVENTS, createEvent, EventRegistry } from '@plh/contracts';
import { PgDatabase, setupServiceDatabase } from '@plh/db';
import { connectNats, enqueueEvents, ensureServiceStream, Namespace, OutboxRelay } from '@plh/event-bus';
import { signInternalToken, type Principal } from '@plh/service-kit';
import { freePort, startEmbeddedPostgres, startNatsServer } from '@plh/test-kit';
import { exportJWK, generateKeyPair } from 'jose';
import { Pool } from 'pg';
import { fmt, report } from './stats';

const RECORDS = Number(process.env.BENCH_AUDIT_RECORDS ?? 20_000);
const PRACTICES = Number(process.env.BENCH_AUDIT_PRACTICES ?? 100);
const VERIFY = Number(process.env.BENCH_AUDIT_VERIFY ?? 1_000_000);
const BATCH = 250;

const practices = Array.from({ length: PRACTICES }, () => randomUUID());
const record = (i: number) => ({
  action: 'order.approve',
  outcome: 'success' as const,
  resource: { type: 'order', id: randomUUID() },
  actor: { kind: 'user' as const, id: randomUUID(), role: 'approver' },
  phi: false,
  changes: [{ field: 'status', from: 'proof_ready', to: 'approved' }],
  reason: null,
  requestId: `bench-${i}`,
  clientIp: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (bench)',
});

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ fast: false });
  const nats = await startNatsServer();
  const complianceDir = require.resolve('@plh/compliance/package.json').replace(/package\.json$/, '');
  const coreDir = require.resolve('@plh/core/package.json').replace(/package\.json$/, '');
  const [compliance, core] = await Promise.all([
    setupServiceDatabase(pg.adminUrl, 'compliance', `${complianceDir}prisma/migrations`, {
      migratorPassword: 'bench-m',
      appPassword: 'bench-a',
    }),
    setupServiceDatabase(pg.adminUrl, 'core', `${coreDir}prisma/migrations`, {
      migratorPassword: 'bench-cm',
      appPassword: 'bench-ca',
    }),
  ]);
  const admin = new Pool({ connectionString: pg.adminUrl, max: 4 });
  const gatewayKey = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const complianceKey = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = async (key: Parameters<typeof exportJWK>[0], kid: string, extra = {}) => ({
    ...(await exportJWK(key)),
    kid,
    alg: 'EdDSA',
    ...extra,
  });
  const checkpointKey = generateCheckpointKey();
  const port = await freePort();
  const service = spawn(process.execPath, [`${complianceDir}dist/server.js`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      DATABASE_URL: compliance.appUrl,
      NATS_URL: nats.url,
      INTERNAL_TOKEN_JWKS: JSON.stringify({
        keys: [
          await jwk(gatewayKey.publicKey, 'gateway:bench', { use: 'sig' }),
          await jwk(complianceKey.publicKey, 'compliance:bench', { use: 'sig' }),
        ],
      }),
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(await jwk(complianceKey.privateKey, 'compliance:bench')),
      AUDIT_SIGNING_PRIVATE_JWK: JSON.stringify(checkpointKey),
      SOURCE_TICK_CRON: '0 0 1 1 *',
      BULLETINS_CRON: '0 0 1 1 *',
      AUDIT_CHECKPOINT_CRON: '0 0 1 1 *',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const ops: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, {
      headers: {
        'x-plh-internal-token': await signInternalToken(
          { kid: 'gateway:bench', key: gatewayKey.privateKey },
          ops,
          'compliance',
          600,
        ),
      },
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const count = async () =>
    Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM compliance.audit_log')).rows[0]!.n);
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 300) throw new Error('the compliance service did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }

    // Append, the real path: core's outbox → core's relay → NATS → the compliance consumers → chains.
    const registry = new EventRegistry(ALL_EVENTS);
    const coreDb = new PgDatabase({ connectionString: core.appUrl, max: 4 });
    const events = Array.from({ length: RECORDS }, (_, i) =>
      createEvent(AUDIT_EVENTS.core, { source: 'core', tenantId: practices[i % PRACTICES]!, data: record(i) }),
    );
    let started = performance.now();
    for (let i = 0; i < events.length; i += BATCH)
      await coreDb.$transaction((tx) => enqueueEvents(tx, registry, events.slice(i, i + BATCH)));
    const enqueueSec = (performance.now() - started) / 1000;
    const clients = await connectNats(nats.url, 'bench-core');
    const relay = new OutboxRelay({
      connectionString: core.appUrl,
      schema: 'core',
      service: 'core',
      js: clients.js,
      jsm: clients.jsm,
      ns: new Namespace(''),
      ...(process.env.BENCH_RELAY_BATCH ? { batchSize: Number(process.env.BENCH_RELAY_BATCH) } : {}),
    });
    started = performance.now();
    const startedAt = Date.now();
    await relay.start();
    while ((await count()) < RECORDS) await new Promise((r) => setTimeout(r, 50));
    const appendSec = (performance.now() - started) / 1000;
    const { rows: sent } = await admin.query<{ last: Date }>('SELECT max(sent_at) AS last FROM core.outbox');
    const relaySec = (sent[0]!.last.getTime() - startedAt) / 1000;
    await relay.stop();
    // The ceiling of that path here: JetStream alone storing the same messages (fsync on every write,
    // as the relay's server runs), 200 acknowledgements awaited together as the relay awaits them.
    const bare = new Namespace('bare');
    await ensureServiceStream(clients.jsm, bare, 'core');
    started = performance.now();
    for (let i = 0; i < events.length; i += 200)
      await Promise.all(
        events
          .slice(i, i + 200)
          .map((e) => clients.js.publish(bare.subject(e.type), JSON.stringify(e), { msgID: e.id })),
      );
    const bareSec = (performance.now() - started) / 1000;
    await clients.nc.drain();
    await coreDb.pool.end();

    // Baseline: the same rows straight into a plain table, 250 a statement, no hashing.
    await admin.query('CREATE TABLE public.direct_audit (LIKE compliance.audit_log)');
    const plain = events.map((e, i) => ({ ...e.data, tenant: e.tenantId, seq: i + 1, id: e.id }));
    started = performance.now();
    for (let i = 0; i < plain.length; i += BATCH)
      await admin.query(
        `INSERT INTO public.direct_audit (tenant_id, seq, event_id, service, action, outcome, resource_type, resource_id,
                actor_kind, actor_id, actor_role, phi, changes, reason, request_id, ip_address, user_agent, occurred_at,
                recorded_at, prev_hash, hash)
         SELECT tenant, seq, id, 'core', action, outcome, resource->>'type', resource->>'id', actor->>'kind', actor->>'id',
                actor->>'role', phi, changes, reason, "requestId", "clientIp", "userAgent", now(), now(), $2, $2
           FROM jsonb_to_recordset($1::jsonb) AS r(tenant uuid, seq bigint, id uuid, action text, outcome text,
                resource jsonb, actor jsonb, phi boolean, changes jsonb, reason text, "requestId" text, "clientIp" text,
                "userAgent" text)`,
        [JSON.stringify(plain.slice(i, i + BATCH)), '0'.repeat(64)],
      );
    const directSec = (performance.now() - started) / 1000;

    // Verify: one practice with VERIFY entries (made here, chained as the service chains them).
    const chain = randomUUID();
    const signer = checkpointSigner(checkpointKey);
    const tree = CompactTree.empty();
    let head = { size: 0, headHash: GENESIS_HASH };
    const floor = new ChainVerifier(chain, [], new Map());
    let floorMs = 0;
    const makeSec = performance.now();
    for (let done = 0; done < VERIFY; done += 5_000) {
      const n = Math.min(5_000, VERIFY - done);
      const recordedAt = new Date().toISOString();
      const entries = chainEntries(
        head,
        Array.from({ length: n }, (_, k) => {
          const r = record(done + k);
          return {
            chain,
            eventId: randomUUID(),
            service: 'core',
            action: r.action,
            outcome: r.outcome,
            resourceType: r.resource.type,
            resourceId: r.resource.id,
            actorKind: r.actor.kind,
            actorId: r.actor.id,
            actorRole: r.actor.role,
            phi: false,
            changes: r.changes,
            reason: null,
            requestId: r.requestId,
            traceId: null,
            clientIp: r.clientIp,
            userAgent: r.userAgent,
            occurredAt: recordedAt,
            recordedAt,
          } satisfies Omit<ChainEntry, 'seq' | 'prevHash' | 'hash'>;
        }),
      );
      for (const e of entries) tree.append(entryLeaf(e.hash));
      const t0 = performance.now();
      for (const e of entries) floor.push(e);
      floorMs += performance.now() - t0;
      head = { size: tree.size, headHash: entries.at(-1)!.hash };
      await admin.query(
        `INSERT INTO compliance.audit_log (tenant_id, seq, event_id, service, action, outcome, resource_type, resource_id,
                actor_kind, actor_id, actor_role, phi, changes, reason, request_id, trace_id, ip_address, user_agent,
                occurred_at, recorded_at, prev_hash, hash)
         SELECT chain, seq, "eventId", service, action, outcome, "resourceType", "resourceId", "actorKind", "actorId",
                "actorRole", phi, changes, reason, "requestId", "traceId", "clientIp", "userAgent", "occurredAt",
                "recordedAt", "prevHash", hash
           FROM jsonb_to_recordset($1::jsonb) AS e(chain uuid, seq bigint, "eventId" uuid, service text, action text,
                outcome text, "resourceType" text, "resourceId" text, "actorKind" text, "actorId" text, "actorRole" text,
                phi boolean, changes jsonb, reason text, "requestId" text, "traceId" text, "clientIp" text,
                "userAgent" text, "occurredAt" timestamptz, "recordedAt" timestamptz, "prevHash" text, hash text)`,
        [JSON.stringify(entries)],
      );
    }
    const checkpoint = signer.sign({
      chain,
      treeSize: tree.size,
      rootHash: tree.root().toString('hex'),
      issuedAt: new Date().toISOString(),
    });
    await admin.query(
      `INSERT INTO compliance.audit_chain (tenant_id, size, head_hash, frontier, checkpointed_size) VALUES ($1, $2, $3, $4, $2)`,
      [chain, tree.size, head.headHash, tree.frontier.map((b) => b.toString('hex'))],
    );
    await admin.query(
      `INSERT INTO compliance.audit_checkpoint (tenant_id, tree_size, root_hash, issued_at, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [chain, checkpoint.treeSize, checkpoint.rootHash, checkpoint.issuedAt, checkpoint.keyId, checkpoint.signature],
    );
    await admin.query('VACUUM ANALYZE compliance.audit_log');
    const loadSec = (performance.now() - makeSec) / 1000;
    started = performance.now();
    const verified = await get(`/api/tenants/${chain}/compliance/audit/verify`);
    const verifySec = (performance.now() - started) / 1000;
    if (verified.valid !== true || verified.entries !== VERIFY)
      throw new Error(`verification answered ${JSON.stringify(verified).slice(0, 300)}`);
    const floorReport = floor.finish();

    const appendRate = RECORDS / appendSec;
    const directRate = RECORDS / directSec;
    console.log(`\naudit trail (${RECORDS} records of ${PRACTICES} practices; verify ${VERIFY} entries)`);
    console.log(`  outbox commit of the records      ${fmt(enqueueSec, 2)} s`);
    console.log(`  append (relay → NATS → chains)    ${fmt(appendSec, 2)} s   ${fmt(appendRate, 0)} records/s`);
    console.log(`  of which the relay publishing all  ${fmt(relaySec, 2)} s`);
    console.log(`  ceiling: bare JetStream publish   ${fmt(bareSec, 2)} s   ${fmt(RECORDS / bareSec, 0)} msgs/s`);
    console.log(`  baseline: direct inserts          ${fmt(directSec, 2)} s   ${fmt(directRate, 0)} rows/s`);
    console.log(`  ratio real path / direct          ${fmt(appendRate / directRate, 2)}`);
    console.log(`  verify ${VERIFY} entries (endpoint)  ${fmt(verifySec, 2)} s`);
    console.log(`  floor: same chain in memory       ${fmt(floorMs / 1000, 2)} s (valid: ${floorReport.valid})`);
    console.log(`  ratio endpoint / in memory        ${fmt(verifySec / (floorMs / 1000), 2)}`);
    console.log(`  (generating and loading the chain took ${fmt(loadSec, 1)} s)`);
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(`  targets: ≥ 2,000 records/s: ${met(appendRate >= 2_000)}; verify 1M < 10 s: ${met(verifySec < 10)}`);
    report('audit', {
      appendPerSec: appendRate,
      bareJetStreamPerSec: RECORDS / bareSec,
      directPerSec: directRate,
      verifySec,
      verifyFloorSec: floorMs / 1000,
      verifyEntries: VERIFY,
    });
  } finally {
    service.kill('SIGTERM');
    await once(service, 'exit');
    await admin.end();
    await nats.stop();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
