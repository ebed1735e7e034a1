/**
 * Compliance: the OIG LEIE imported and every roster screened, next to a naive baseline in the same run.
 *   import:    a BENCH_LEIE_ROWS (80,000) row LEIE file in OIG's format, served by a local stand-in and
 *              synced by the compliance service (alone in its own process, `node dist/server.js`, as
 *              `npm start` runs it): seconds, rows/s and the service's peak RSS.
 *   screening: BENCH_PRACTICES (1,000) practices × BENCH_PROVIDERS (20) providers, served in the
 *              tenant service's internal roster format: seconds until every provider has its result,
 *              against a naive per-provider ILIKE query (measured on BENCH_NAIVE_SAMPLE providers and
 *              scaled to all of them).
 *   alerts:    BENCH_ALERT_ROUNDS (5) EXCL supplements naming 20 roster providers each: from the fetch
 *              of the file to each `plh.compliance.alert.raised` published to NATS (the relay's sent_at).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { Pool } from 'pg';
import { setupServiceDatabase } from '@plh/db';
import { signInternalToken, type Principal } from '@plh/service-kit';
import { freePort, startEmbeddedPostgres, startNatsServer } from '@plh/test-kit';
import { fmt, percentile, report } from './stats';

const ROWS = Number(process.env.BENCH_LEIE_ROWS ?? 80_000);
const PRACTICES = Number(process.env.BENCH_PRACTICES ?? 1_000);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 20);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 300);
const ALERT_ROUNDS = Number(process.env.BENCH_ALERT_ROUNDS ?? 5);

const LAST = [
  'SMITH',
  'JOHNSON',
  'WILLIAMS',
  'BROWN',
  'JONES',
  'GARCIA',
  'MILLER',
  'DAVIS',
  'RODRIGUEZ',
  'MARTINEZ',
  'HERNANDEZ',
  'LOPEZ',
  'GONZALEZ',
  'WILSON',
  'ANDERSON',
  'THOMAS',
  'TAYLOR',
  'MOORE',
  'JACKSON',
  'MARTIN',
  'LEE',
  'PEREZ',
  'THOMPSON',
  'WHITE',
  'HARRIS',
  'SANCHEZ',
  'CLARK',
  'RAMIREZ',
  'LEWIS',
  'ROBINSON',
];
const FIRST = [
  'JAMES',
  'MARY',
  'ROBERT',
  'PATRICIA',
  'JOHN',
  'JENNIFER',
  'MICHAEL',
  'LINDA',
  'DAVID',
  'ELIZABETH',
  'WILLIAM',
  'BARBARA',
  'RICHARD',
  'SUSAN',
  'JOSEPH',
  'JESSICA',
  'THOMAS',
  'SARAH',
  'CHARLES',
  'KAREN',
];
const HEADER =
  'LASTNAME,FIRSTNAME,MIDNAME,BUSNAME,GENERAL,SPECIALTY,UPIN,NPI,DOB,ADDRESS,CITY,STATE,ZIP,EXCLTYPE,EXCLDATE,REINDATE,WAIVERDATE,WVRSTATE';
const q = (v: string) => `"${v}"`;
const pick = <T>(list: T[], i: number) => list[i % list.length]!;
const date = (i: number, from: number, span: number) =>
  `${from + (i % span)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;

/** An NPI with a valid Luhn check digit (prefix 80840), from a counter. */
function npi(n: number): string {
  const base = String(100_000_000 + n).slice(0, 9);
  for (let d = 0; d < 10; d++) {
    const digits = `80840${base}${d}`;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let x = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return `${base}${d}`;
  }
  throw new Error('unreachable');
}

/** One listing row, in OIG's quoting (people with or without an NPI, ~3% businesses). */
function listing(i: number, over: { last?: string; first?: string; npi?: string; dob?: string } = {}): string {
  const business = i % 33 === 0;
  return [
    business ? '' : (over.last ?? `${pick(LAST, i)}${i % 997}`),
    business ? '' : (over.first ?? pick(FIRST, i * 7)),
    business ? '' : i % 3 ? '' : 'A',
    business ? `ACME HEALTH ${i} LLC` : '',
    business ? 'OTHER BUSINESS' : 'IND- LIC HC SERV PRO',
    business ? 'HOME HEALTH AGENCY' : 'NURSE/NURSES AIDE',
    '',
    over.npi ?? (i % 7 === 0 ? npi(5_000_000 + i) : '0000000000'),
    over.dob ?? (business ? '00000000' : date(i, 1940, 55)),
    `${i} MAIN ST`,
    'SPRINGFIELD',
    'IL',
    String(60000 + (i % 3000)),
    '1128b4',
    date(i, 2000, 26),
    '00000000',
    '00000000',
    '',
  ]
    .map(q)
    .join(',');
}

const rosterProvider = (p: number, k: number) => {
  const n = p * PROVIDERS + k;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tenantId: `00000000-0000-4000-9000-${String(p).padStart(12, '0')}`,
    npi: npi(n),
    firstName: pick(FIRST, n * 3)
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()),
    middleName: null,
    lastName: `${pick(LAST, n)}${n % 991}`,
    dateOfBirth: `${1950 + (n % 40)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    licenseState: 'IL',
    licenseNumber: `L-${n}`,
  };
};

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  // The sources: OIG's files (generated in its format) and the tenant service's roster API.
  const files = new Map<string, string>();
  files.set('UPDATED.csv', [HEADER, ...Array.from({ length: ROWS }, (_, i) => listing(i))].join('\r\n') + '\r\n');
  const oig = createServer((req, res) => {
    const body = files.get((req.url ?? '').replace(/^\/leie\//, ''));
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(body)) }).end(body);
  });
  const roster = Array.from({ length: PRACTICES }, (_, p) =>
    Array.from({ length: PROVIDERS }, (_, k) => rosterProvider(p, k)),
  );
  const all = roster.flat().sort((a, b) => a.id.localeCompare(b.id));
  const tenant = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const one = /^\/internal\/tenants\/([^/]+)\/providers$/.exec(url.pathname);
    let body: unknown;
    if (one) body = { items: all.filter((p) => p.tenantId === one[1]) };
    else if (url.pathname === '/internal/rosters') {
      const wanted = new Set(url.searchParams.getAll('tenantId'));
      body = { items: all.filter((p) => wanted.has(p.tenantId)) };
    } else if (url.pathname === '/internal/providers') {
      const after = url.searchParams.get('cursor');
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const start = after ? all.findIndex((p) => p.id > after) : 0;
      const items = start < 0 ? [] : all.slice(start, start + limit);
      body = { items, next: start >= 0 && start + limit < all.length ? items.at(-1)!.id : null };
    } else if (url.pathname === '/internal/practices')
      body = { items: roster.map((providers) => ({ tenantId: providers[0]!.tenantId })), next: null };
    else return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  const oigUrl = `http://127.0.0.1:${await listen(oig)}/leie/`;
  const tenantUrl = `http://127.0.0.1:${await listen(tenant)}`;

  const pg = await startEmbeddedPostgres({ fast: false });
  const nats = await startNatsServer();
  const serviceDir = require.resolve('@plh/compliance/package.json').replace(/package\.json$/, '');
  const { appUrl } = await setupServiceDatabase(pg.adminUrl, 'compliance', `${serviceDir}prisma/migrations`, {
    migratorPassword: 'bench-m',
    appPassword: 'bench-a',
  });
  const admin = new Pool({ connectionString: pg.adminUrl, max: 2 });
  const keys = await Promise.all(
    ['gateway', 'compliance'].map(async (owner) => {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = `${owner}:bench`;
      return { owner, kid, pair, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
    }),
  );
  const compliancePort = await freePort();
  // As npm start runs it, with the heap cap its container would set (BENCH_COMPLIANCE_NODE_OPTIONS).
  const nodeOptions = (process.env.BENCH_COMPLIANCE_NODE_OPTIONS ?? '--max-old-space-size=192 --optimize-for-size')
    .split(' ')
    .filter(Boolean);
  const service = spawn(process.execPath, [...nodeOptions, `${serviceDir}dist/server.js`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      PORT: String(compliancePort),
      DATABASE_URL: appUrl,
      NATS_URL: nats.url,
      TENANT_URL: tenantUrl,
      INTERNAL_TOKEN_JWKS: JSON.stringify({ keys: keys.map((k) => k.publicJwk) }),
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify({
        ...(await exportJWK(keys[1]!.pair.privateKey)),
        kid: keys[1]!.kid,
        alg: 'EdDSA',
      }),
      SOURCE_TICK_CRON: '0 0 1 1 *',
      SOURCE_HOSTS: '127.0.0.1',
      JOB_POLL_MS: '200',
    },
  });
  const base = `http://127.0.0.1:${compliancePort}`;
  const signer = { kid: keys[0]!.kid, key: keys[0]!.pair.privateKey };
  const ops: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'x-plh-internal-token': await signInternalToken(signer, ops, 'compliance', 600),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const rss = {
    reset: () => writeFileSync(`/proc/${service.pid}/clear_refs`, '5'),
    peakMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))![1]) / 1024,
  };
  const idle = async () => {
    for (;;) {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM compliance.job_queue WHERE state IN ('queued','running')`,
      );
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    for (;;) {
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await call('PUT', '/api/ops/compliance/sources/oig-leie', { config: { baseUrl: oigUrl } });
    const syncOnce = async () => {
      const sync = await call('POST', '/api/ops/compliance/sources/oig-leie/sync');
      for (;;) {
        const s = await call('GET', `/api/ops/compliance/syncs/${sync.id as string}`);
        if (s.state !== 'queued' && s.state !== 'running') return s;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // Import: the sync's own start and end, and the service's peak RSS meanwhile.
    rss.reset();
    const imported = await syncOnce();
    if (imported.state !== 'succeeded') throw new Error(`the import ended ${JSON.stringify(imported)}`);
    const importSec = (Date.parse(imported.finishedAt as string) - Date.parse(imported.startedAt as string)) / 1000;
    const importRss = rss.peakMb();
    // Screening: from the end of the import until every practice's job has run.
    const screenStart = Date.parse(imported.finishedAt as string);
    await idle();
    const { rows: screened } = await admin.query(
      `SELECT count(*)::int AS n, max(screened_at) AS last FROM compliance.screening`,
    );
    const screenSec = (new Date(screened[0].last).getTime() - screenStart) / 1000;
    const screenRss = rss.peakMb();

    // Naive baseline: one ILIKE query per provider (name or NPI), as a first version might.
    const naive = new Pool({ connectionString: pg.adminUrl, max: 1 });
    const sample = all.slice(0, NAIVE_SAMPLE);
    const naiveStart = performance.now();
    for (const p of sample)
      await naive.query(
        `SELECT * FROM compliance.leie_listing WHERE removed_version IS NULL
            AND (npi = $1 OR (last_name ILIKE $2 AND first_name ILIKE $3 AND date_of_birth = $4::date))`,
        [p.npi, p.lastName, p.firstName, p.dateOfBirth],
      );
    const naiveSec = ((performance.now() - naiveStart) / 1000 / sample.length) * all.length;
    await naive.end();

    // Alerts: supplements naming roster providers by NPI, fetch → published.
    const latencies: number[] = [];
    const now = new Date();
    const yyyy = String(now.getUTCFullYear());
    const month = `${yyyy.slice(2)}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    for (let round = 0; round < ALERT_ROUNDS; round++) {
      const named = Array.from({ length: 20 }, (_, k) => all[(round * 20 + k) * 37]!);
      files.set(
        `${yyyy}/${month}EXCL.csv`,
        [
          HEADER,
          ...named.map((p, k) => listing(ROWS + round * 100 + k, { last: 'OTHERNAME', first: 'X', npi: p.npi })),
        ].join('\r\n') + '\r\n',
      );
      const s = await syncOnce();
      if (s.state !== 'succeeded') throw new Error(`alert round ${round}: ${JSON.stringify(s)}`);
      await idle();
      for (;;) {
        const { rows } = await admin.query(
          `SELECT extract(epoch FROM sent_at - (payload->'data'->>'sourceFetchedAt')::timestamptz) * 1000 AS ms
             FROM compliance.outbox WHERE subject = 'plh.compliance.alert.raised'
              AND payload->'data'->>'sourceFetchedAt' = $1`,
          [s.fetchedAt],
        );
        if (rows.length >= 20 && rows.every((r) => r.ms !== null)) {
          latencies.push(...rows.map((r) => Number(r.ms)));
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    const mb = Buffer.byteLength(files.get('UPDATED.csv')!) / 1024 / 1024;
    console.log(`\nCompliance benchmark (2 cores)`);
    console.log(`| step | seconds | rate | service peak RSS |`);
    console.log(`|---|---|---|---|`);
    console.log(
      `| LEIE import, ${ROWS} rows (${fmt(mb)} MB) | ${fmt(importSec, 2)} | ${fmt(ROWS / importSec, 0)} rows/s | ${fmt(importRss, 0)} MB |`,
    );
    console.log(
      `| screening ${screened[0].n} providers of ${PRACTICES} practices | ${fmt(screenSec, 2)} | ${fmt(screened[0].n / screenSec, 0)} providers/s | ${fmt(screenRss, 0)} MB |`,
    );
    console.log(
      `| baseline: naive ILIKE per provider (${NAIVE_SAMPLE} measured, scaled to ${all.length}) | ${fmt(naiveSec, 2)} | ${fmt(all.length / naiveSec, 0)} providers/s | — |`,
    );
    console.log(`screening / naive: ${fmt(naiveSec / screenSec, 1)}x faster`);
    console.log(
      `source change → alert published (${latencies.length} alerts): p50 ${fmt(percentile(latencies, 50) / 1000, 2)} s, p99 ${fmt(percentile(latencies, 99) / 1000, 2)} s`,
    );
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets: import < 5 s: ${met(importSec < 5)}; import RSS < 250 MB: ${met(importRss < 250)}; ` +
        `screening < 5 s: ${met(screenSec < 5)}; alert < 5 s (p99): ${met(percentile(latencies, 99) < 5000)}`,
    );
    report('compliance', {
      importSec,
      importRowsPerSec: ROWS / importSec,
      importRssMb: importRss,
      screenSec,
      naiveSec,
      alertP50Ms: percentile(latencies, 50),
      alertP99Ms: percentile(latencies, 99),
    });
  } finally {
    service.kill('SIGTERM');
    await once(service, 'exit');
    await admin.end();
    oig.close();
    tenant.close();
    await nats.stop();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
