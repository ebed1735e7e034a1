/**
 * The same authenticated route three ways, in one run: straight to the service, through a bare
 * @fastify/http-proxy (no auth), and through our gateway (JWT verify + authorization + rate limit
 * + internal token). Servers run in a child process; the load generator (autocannon) here.
 *   throughput: BENCH_GW_CONNECTIONS connections for BENCH_GW_SECONDS seconds, as fast as they go
 *   latency:    a fixed BENCH_GW_RATE req/s, p50/p99
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { fmt, report } from './stats';

const CONNECTIONS = Number(process.env.BENCH_GW_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_GW_SECONDS ?? 8);
const RATE = Number(process.env.BENCH_GW_RATE ?? 500);

interface Targets {
  upstreamUrl: string;
  bareUrl: string;
  gatewayUrl: string;
  path: string;
  accessToken: string;
  internalToken: string;
}

function run(url: string, headers: Record<string, string>, rate?: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, headers, connections: CONNECTIONS, duration: SECONDS, ...(rate ? { overallRate: rate } : {}) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function main(): Promise<void> {
  const servers = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'gateway/servers.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: servers.stdout! }).once('line', resolve),
    );
    const t: Targets = JSON.parse(line);
    const targets: Array<{ name: string; url: string; headers: Record<string, string> }> = [
      {
        name: 'direct to the service',
        url: `${t.upstreamUrl}${t.path}`,
        headers: { 'x-plh-internal-token': t.internalToken },
      },
      {
        name: 'bare @fastify/http-proxy',
        url: `${t.bareUrl}${t.path}`,
        headers: { 'x-plh-internal-token': t.internalToken },
      },
      {
        name: 'our gateway (auth + limits)',
        url: `${t.gatewayUrl}${t.path}`,
        headers: { authorization: `Bearer ${t.accessToken}` },
      },
    ];
    // Warm-up (JIT, JWKS fetch, connection pools), not measured.
    for (const target of targets)
      await new Promise((r) => autocannon({ url: target.url, headers: target.headers, duration: 2 }, r));

    const rows = [];
    for (const target of targets) {
      const max = await run(target.url, target.headers);
      const paced = await run(target.url, target.headers, RATE);
      if (max.non2xx > 0 || paced.non2xx > 0)
        throw new Error(`${target.name}: ${max.non2xx + paced.non2xx} non-2xx answers`);
      rows.push({ name: target.name, rps: max.requests.average, p50: paced.latency.p50, p99: paced.latency.p99 });
    }
    const [direct, bare, gateway] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    console.log(
      `\nGateway benchmark: ${CONNECTIONS} connections; throughput over ${SECONDS}s, latency at ${RATE} req/s`,
    );
    console.log('| path                           |    req/s | p50 @rate (ms) | p99 @rate (ms) |');
    console.log('|--------------------------------|----------|----------------|----------------|');
    for (const r of rows) {
      console.log(
        `| ${r.name.padEnd(30)} | ${fmt(r.rps, 0).padStart(8)} | ${fmt(r.p50, 2).padStart(14)} | ${fmt(r.p99, 2).padStart(14)} |`,
      );
    }
    const ratio = gateway.rps / bare.rps;
    console.log(
      `gateway / bare proxy throughput ${fmt(ratio, 2)}x; gateway adds ${fmt(gateway.p50 - direct.p50, 2)} ms p50 and ` +
        `${fmt(gateway.p99 - direct.p99, 2)} ms p99 over direct`,
    );
    report('gateway', {
      'gateway req/s': gateway.rps,
      'bare proxy req/s': bare.rps,
      'direct req/s': direct.rps,
      'gateway p50 ms': gateway.p50,
      'gateway p99 ms': gateway.p99,
    });
    console.log(
      `targets: >= 0.8x bare: ${ratio >= 0.8 ? 'met' : 'MISSED'}; <= 1 ms p50 / <= 5 ms p99 added: ` +
        `${gateway.p50 - direct.p50 <= 1 && gateway.p99 - direct.p99 <= 5 ? 'met' : 'MISSED'}; >= 3000 req/s: ${gateway.rps >= 3000 ? 'met' : 'MISSED'}`,
    );
  } finally {
    servers.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
