/**
 * Core: importing a patient list and placing orders, each next to a baseline from the same run.
 *   import:  BENCH_CORE_ROWS (100,000) rows uploaded through the gateway, as a practice does: time to the
 *            `202`, time until the import job has validated the list (polled every 100 ms, as a web app
 *            would), the longest gap between two progress updates, rows/s and the core service's peak
 *            RSS, against csv-parse reading the same file here (no validation, encryption or database);
 *            and a list a tenth the size, to show memory does not grow with the list.
 *   orders:  BENCH_CORE_ORDERS (400) orders placed from prepared quotes, BENCH_CORE_CONCURRENCY (8) at a
 *            time, straight to the service and through our gateway.
 * The core service runs alone in a process of its own (`node dist/server.js`, started by
 * bench/core/servers.ts) with a 192 MB V8 old-space cap, as its container would give it, and V8's
 * `--optimize-for-size`, as scripts/start.mjs runs it (BENCH_CORE_NODE_OPTIONS); without a cap V8
 * postpones collection and the peak RSS tracks the garbage, not the live set. Its peak RSS includes the
 * worker thread that validates lists. The load comes from here.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { request } from 'undici';
import { fmt, pool } from './stats';

const ROWS = Number(process.env.BENCH_CORE_ROWS ?? 100_000);
const ORDERS = Number(process.env.BENCH_CORE_ORDERS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CORE_CONCURRENCY ?? 8);

interface Targets {
  pid: number;
  coreUrl: string;
  gatewayUrl: string;
  tenantId: string;
  accessToken: string;
  internalToken: string;
}

/** A list with the mess of real exports: quoted names with commas, ZIP+4, some bad rows and duplicates. */
async function writeList(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('\uFEFFPatient First Name,Patient Last Name,MRN,Street Address,Apt,City,ST,Zip Code\r\n');
  const cities = [
    ['Boston', 'MA', '021'],
    ['Salem', 'MA', '019'],
    ['Hartford', 'CT', '061'],
    ['Albany', 'NY', '122'],
  ];
  for (let i = 1; i <= rows; i++) {
    const [city, st, zip3] = cities[i % cities.length]!;
    const line =
      i % 97 === 0
        ? `Bad${i},Row,${i},unknown,,${city},${st},${zip3}00\r\n`
        : `"Ana ${i}","Nuñez-O'Neil, Jr.",${100000 + i},${i} North Main Street,${i % 3 ? '' : `Apt ${i % 50}`},${city},${st},${zip3}${String(i % 100).padStart(2, '0')}-${String(i % 10000).padStart(4, '0')}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function rawParse(file: string): Promise<number> {
  const start = performance.now();
  let rows = 0;
  for await (const _ of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) rows++;
  return rows / ((performance.now() - start) / 1000);
}

function peakRss(pid: number): { resetPeak(): void; peakMb(): number } {
  return {
    // Linux: writing 5 to clear_refs resets VmHWM (the peak resident set) of the process.
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024,
  };
}

async function call(
  base: string,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: Readable | object,
) {
  const stream = body instanceof Readable;
  const res = await request(`${base}${url}`, {
    method,
    headers: { ...headers, ...(body && !stream ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : stream ? body : JSON.stringify(body),
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  });
  const json = (await res.body.json()) as Record<string, unknown>;
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plh-bench-core-'));
  const big = path.join(dir, 'big.csv');
  const small = path.join(dir, 'small.csv');
  await writeList(big, ROWS);
  await writeList(small, Math.round(ROWS / 10));
  const servers = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'core/servers.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const t: Targets = JSON.parse(
      await new Promise<string>((resolve) => createInterface({ input: servers.stdout! }).once('line', resolve)),
    );
    const direct = { 'x-plh-internal-token': t.internalToken };
    const viaGateway = { authorization: `Bearer ${t.accessToken}` };
    const base = `/api/tenants/${t.tenantId}`;
    const rss = peakRss(t.pid);
    const project = await call(t.coreUrl, 'POST', `${base}/projects`, direct, { name: 'bench', letterType: 'other' });

    const parseRate = await rawParse(big);
    const importOnce = async (file: string) => {
      rss.resetPeak();
      const before = rss.peakMb();
      const start = performance.now();
      const accepted = await call(
        t.gatewayUrl,
        'POST',
        `${base}/projects/${project.id as string}/patient-lists`,
        { ...viaGateway, 'content-type': 'text/csv', 'content-length': String(statSync(file).size) },
        createReadStream(file),
      );
      const answeredSec = (performance.now() - start) / 1000;
      // Progress as the practice sees it: the times at which the counts changed.
      const updates: number[] = [];
      let lastSeen = -1;
      let list = accepted;
      while (list.status === 'importing') {
        await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_POLL_MS ?? 100)));
        list = await call(t.gatewayUrl, 'GET', `${base}/patient-lists/${accepted.id as string}`, viaGateway);
        const rows = (list.progress as { rowsRead: number }).rowsRead;
        if (rows !== lastSeen) {
          lastSeen = rows;
          updates.push(performance.now());
        }
      }
      const seconds = (performance.now() - start) / 1000;
      const marks = [start + answeredSec * 1000, ...updates];
      const maxGapSec = Math.max(...marks.slice(1).map((m, i) => (m - marks[i]!) / 1000));
      if (list.status !== 'validated') throw new Error(`the import ended ${String(list.status)}`);
      const summary = list.summary as { totalRows: number; validRows: number };
      return {
        list,
        answeredSec,
        seconds,
        maxGapSec,
        rowsPerSec: summary.totalRows / seconds,
        baseMb: before,
        peakMb: rss.peakMb(),
        summary,
      };
    };
    await importOnce(small); // warm-up
    const smallRun = await importOnce(small);
    const bigRun = await importOnce(big);

    // Orders: one accepted list, one quote per order, placed direct and through the gateway.
    const listId = smallRun.list.id as string;
    await call(t.coreUrl, 'POST', `${base}/patient-lists/${listId}/accept`, direct);
    const quotes: string[] = [];
    await pool(ORDERS * 2 + 40, CONCURRENCY, async () => {
      const q = await call(t.coreUrl, 'POST', `${base}/quotes`, direct, {
        projectId: project.id,
        listId,
        options: { pages: 1, postageClass: 'first_class' },
      });
      quotes.push(q.id as string);
    });
    const place = async (target: string, headers: Record<string, string>, count: number) => {
      const start = performance.now();
      await pool(count, CONCURRENCY, async () => {
        await call(target, 'POST', `${base}/orders`, headers, { quoteId: quotes.pop() });
      });
      return count / ((performance.now() - start) / 1000);
    };
    await place(t.coreUrl, direct, 20); // warm-up
    await place(t.gatewayUrl, viaGateway, 20);
    const directRate = await place(t.coreUrl, direct, ORDERS);
    const gatewayRate = await place(t.gatewayUrl, viaGateway, ORDERS);

    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(`\nCore benchmark (${os.cpus().length} cores)`);
    console.log(
      '| patient-list upload via the gateway         | 202 after | imported after | longest progress gap |     rows/s | service RSS before → peak |',
    );
    console.log(
      '|---------------------------------------------|-----------|----------------|----------------------|------------|---------------------------|',
    );
    console.log(
      `| baseline: csv-parse only, ${String(ROWS).padEnd(7)} rows       | —         | —              | —                    | ${fmt(parseRate, 0).padStart(10)} | —                         |`,
    );
    for (const [label, run, file] of [
      [`${Math.round(ROWS / 10)} rows`, smallRun, small],
      [`${ROWS} rows`, bigRun, big],
    ] as const)
      console.log(
        `| ${`${label} (${mb(statSync(file).size)})`.padEnd(43)} | ${`${run.answeredSec.toFixed(2)} s`.padEnd(9)} | ${`${run.seconds.toFixed(1)} s`.padEnd(14)} | ${`${run.maxGapSec.toFixed(2)} s`.padEnd(20)} | ${fmt(run.rowsPerSec, 0).padStart(10)} | ${`${run.baseMb.toFixed(0)} → ${run.peakMb.toFixed(0)} MB`.padEnd(25)} |`,
      );
    console.log(`valid/total rows of the big list: ${bigRun.summary.validRows}/${bigRun.summary.totalRows}`);
    console.log(
      `import / raw parse: ${fmt(bigRun.rowsPerSec / parseRate, 2)}x; peak RSS growth 10x rows: ${fmt(bigRun.peakMb - smallRun.peakMb, 0)} MB`,
    );
    console.log('| order creation (placed from a quote) | orders/s |');
    console.log('|--------------------------------------|----------|');
    console.log(`| straight to the core service         | ${fmt(directRate, 0).padStart(8)} |`);
    console.log(`| through our gateway                  | ${fmt(gatewayRate, 0).padStart(8)} |`);
    console.log(`gateway / direct: ${fmt(gatewayRate / directRate, 2)}x`);
    const target = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets (${ROWS} rows): 202 < 2 s: ${target(bigRun.answeredSec < 2)} (${bigRun.answeredSec.toFixed(2)} s); ` +
        `imported < 10 s: ${target(bigRun.seconds < 10)} (${bigRun.seconds.toFixed(1)} s); ` +
        `RSS < 300 MB: ${target(bigRun.peakMb < 300)} (${bigRun.peakMb.toFixed(0)} MB); ` +
        `progress at least once a second: ${target(bigRun.maxGapSec <= 1)} (longest gap ${bigRun.maxGapSec.toFixed(2)} s)`,
    );
  } finally {
    servers.kill('SIGUSR2');
    await once(servers, 'exit');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
