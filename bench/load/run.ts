/**
 * `pnpm bench:load`: the whole platform as `npm start` runs it (a fresh data folder, free ports), 100
 * practices provisioned through the ops API, then orders driven the whole way through the gateway
 * (scenario.ts) at a fixed arrival rate — 10× the seed's 1,000 orders/hour first — and then at higher
 * rates until a target breaks: any route's p95 ≥ 200 ms, errors ≥ 1%, or orders not getting through.
 * Writes report.json and report.html (bench/load/results/<time>/) with p50/p95/p99 per route, error
 * rate, the event-driven stages' latency and the services' own lag figures (their /metrics).
 *   LOAD_PRACTICES (100), LOAD_ORDERS_PER_HOUR (10000), LOAD_PHASE_SECONDS (120), LOAD_STEPS ("1.5,2,3"),
 *   LOAD_WARMUP_SECONDS (30),
 *   LOAD_CPU_PROFILES=1: every service runs with --cpu-prof; report.json then says where each spent its CPU,
 *   LOAD_GATEWAY_URL + LOAD_OPS_EMAIL + LOAD_OPS_PASSWORD (+ LOAD_METRICS_PORT): a running platform instead of a fresh one.
 * Bounded: each phase stops starting orders after its time and waits at most 10 minutes for them.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlatform, type RunningPlatform } from '@plh/test-kit';
import { percentile } from '../stats';
import { LoadClient, Session } from './client';
import { coresUsed, cpuPerOrder, jobSeconds, readCpu, type JobReading } from './cpu';
import { summarizeProfiles, type ProfileSummary } from './profiles';
import { writeReport, routeStats, type PhaseResult } from './report';
import { provisionPractices } from './practices';
import { runOrder, type OrderTimes, type Practice } from './scenario';

const PRACTICES = Number(process.env.LOAD_PRACTICES ?? 100);
const BASE_RATE = Number(process.env.LOAD_ORDERS_PER_HOUR ?? 10_000);
const PHASE_SECONDS = Number(process.env.LOAD_PHASE_SECONDS ?? 120);
const STEPS = (process.env.LOAD_STEPS ?? '1.5,2,3').split(',').filter(Boolean).map(Number);
/** Run first at the base rate and not reported: the services' code is compiled and their pools warm. */
const WARMUP_SECONDS = Number(process.env.LOAD_WARMUP_SECONDS ?? 30);
const PROFILE_DIR = process.env.LOAD_CPU_PROFILES === '1' ? 'cpu-profiles' : undefined;

const outDir = path.join(__dirname, 'results', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(outDir, { recursive: true });
const say = (msg: string) => console.log(`[load] ${msg}`);

/** The services' /metrics (PLH_METRICS_PORT and the five after it), scraped for lag figures during a phase. */
function metricsWatcher(metricsPort: number) {
  const urls = Array.from({ length: 6 }, (_, i) => `http://127.0.0.1:${metricsPort + i}/metrics`);
  const max = { outbox: 0, pending: 0, jobWait: 0 };
  const read = (text: string, name: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)))
      .filter(Number.isFinite);
  const timer = setInterval(() => {
    for (const url of urls)
      void fetch(url)
        .then((r) => r.text())
        .then((text) => {
          max.outbox = Math.max(max.outbox, ...read(text, 'plh_outbox_oldest_unsent_seconds'));
          max.pending = Math.max(max.pending, ...read(text, 'plh_consumer_pending_messages'));
          max.jobWait = Math.max(max.jobWait, ...read(text, 'plh_job_oldest_due_seconds'));
        })
        .catch(() => undefined);
  }, 5_000);
  return {
    take() {
      const seen = { ...max };
      max.outbox = max.pending = max.jobWait = 0;
      return seen;
    },
    stop: () => clearInterval(timer),
  };
}

async function phase(
  client: LoadClient,
  practices: Practice[],
  ops: Session,
  ordersPerHour: number,
  watcher: ReturnType<typeof metricsWatcher>,
  metricsPort: number,
  dataDir: string | undefined,
  seconds = PHASE_SECONDS,
): Promise<PhaseResult> {
  const first = client.samples.length;
  const jobsBefore: JobReading = {};
  const cpuBefore = await readCpu(metricsPort, jobsBefore, dataDir);
  watcher.take();
  const intervalMs = 3_600_000 / ordersPerHour;
  const inflight: Promise<void>[] = [];
  const times: OrderTimes[] = [];
  const failures: string[] = [];
  let completed = 0;
  const started = performance.now();
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const orderTimes: OrderTimes = {};
    times.push(orderTimes);
    inflight.push(
      runOrder(practices[i % practices.length]!, ops, i, orderTimes).then(
        () => void completed++,
        (err: unknown) => void failures.push(err instanceof Error ? err.message : String(err)),
      ),
    );
  }
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    Promise.all(inflight).then(() => true),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 600_000))),
  ]);
  clearTimeout(timer);
  if (!drained) failures.push('some orders were still running 10 minutes after the phase');
  const samples = client.samples.slice(first);
  const routes = routeStats(samples);
  const errors = routes.reduce((n, r) => n + r.errors, 0);
  const proof = times.flatMap((t) => (t.placedAt && t.proofReadyAt ? [t.proofReadyAt - t.placedAt] : []));
  const lag = watcher.take();
  const jobsAfter: JobReading = {};
  const cpuAfter = await readCpu(metricsPort, jobsAfter, dataDir);
  const wall = (performance.now() - started) / 1000;
  const result: PhaseResult = {
    ordersPerHour,
    seconds,
    ordersStarted: times.length,
    ordersCompleted: completed,
    ordersFailed: failures.length,
    failures: [...new Set(failures)].slice(0, 10),
    requests: samples.length,
    errorRate: samples.length ? errors / samples.length : 0,
    routes,
    proofLatency: { p50: percentile(proof, 50), p95: percentile(proof, 95), p99: percentile(proof, 99) },
    maxOutboxLagSeconds: lag.outbox,
    maxConsumerPending: lag.pending,
    maxJobWaitSeconds: lag.jobWait,
    cpuSecondsPerOrder: cpuPerOrder(cpuBefore, cpuAfter, completed),
    coresUsed: coresUsed(cpuBefore, cpuAfter, wall),
    jobSeconds: jobSeconds(jobsBefore, jobsAfter),
    withinTargets: false,
  };
  result.withinTargets =
    routes.every((r) => r.p95 < 200) && result.errorRate < 0.01 && completed >= 0.99 * times.length;
  return result;
}

async function main(): Promise<void> {
  let platform: RunningPlatform | undefined;
  let gatewayUrl = process.env.LOAD_GATEWAY_URL;
  let opsEmail = process.env.LOAD_OPS_EMAIL ?? 'ops-admin@patientletterhub.test';
  let opsPassword = process.env.LOAD_OPS_PASSWORD ?? '';
  if (!gatewayUrl) {
    say('starting the platform (scripts/start.mjs, a fresh data folder) ...');
    // The limiter is not what is measured: a test host is one client address for every practice.
    platform = await startPlatform(outDir, {
      RATE_LIMIT_TENANT_PER_MIN: '1000000',
      RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '100000',
      // Each process writes its profile when it exits (the platform's stop, at the end).
      ...(PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(outDir, PROFILE_DIR)}` } : {}),
    });
    gatewayUrl = platform.url;
    opsPassword = platform.passwords.opsAdmin;
    opsEmail = 'ops-admin@patientletterhub.test';
  }
  const client = new LoadClient(gatewayUrl);
  const metricsPort =
    platform?.metricsPort ?? Number(process.env.LOAD_METRICS_PORT ?? Number(new URL(gatewayUrl).port) + 6000);
  const watcher = metricsWatcher(metricsPort);
  const phases: PhaseResult[] = [];
  try {
    const ops = new Session(client, opsEmail, opsPassword);
    await ops.login();
    say(`provisioning ${PRACTICES} practices ...`);
    const practices = await provisionPractices(client, ops, PRACTICES);
    if (WARMUP_SECONDS > 0) {
      say(`warming up: ${BASE_RATE} orders/hour for ${WARMUP_SECONDS} s (not reported) ...`);
      await phase(client, practices, ops, BASE_RATE, watcher, metricsPort, platform?.dataDir, WARMUP_SECONDS);
    }
    for (const factor of [1, ...STEPS]) {
      const rate = Math.round(BASE_RATE * factor);
      say(`${rate} orders/hour for ${PHASE_SECONDS} s ...`);
      const result = await phase(client, practices, ops, rate, watcher, metricsPort, platform?.dataDir);
      phases.push(result);
      const worst = result.routes[0];
      say(
        `  ${result.ordersCompleted}/${result.ordersStarted} orders through, errors ${(result.errorRate * 100).toFixed(2)}%, worst p95 ${worst?.route} ${worst?.p95.toFixed(0)} ms, proof p95 ${result.proofLatency.p95.toFixed(0)} ms ${result.withinTargets ? 'within targets' : 'OUT of targets'}`,
      );
      if (result.failures.length) say(`  failures: ${result.failures.slice(0, 3).join(' | ')}`);
      if (!result.withinTargets) break;
    }
  } finally {
    watcher.stop();
    await client.close();
    await platform?.stop();
  }
  const passing = phases.filter((p) => p.withinTargets).map((p) => p.ordersPerHour);
  const ceiling = passing.length ? Math.max(...passing) : null;
  let profiles: ProfileSummary[] | undefined;
  if (PROFILE_DIR) profiles = summarizeProfiles(path.join(outDir, PROFILE_DIR));
  writeReport(outDir, {
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load generator on the same machine`,
    startedAt: new Date().toISOString(),
    practices: PRACTICES,
    phases,
    ceilingOrdersPerHour: ceiling,
    where: profiles
      ? 'Where the time goes: `profiles` (self time by package, from --cpu-prof over the whole run) and docs/capacity.md.'
      : 'Where the time goes: docs/capacity.md; LOAD_CPU_PROFILES=1 adds each service’s CPU profile summary.',
    ...(profiles ? { profiles } : {}),
  });
  say(
    `report: ${path.relative(process.cwd(), outDir)}/report.html (ceiling ${ceiling ?? 'below the first rate'} orders/hour)`,
  );
}

main().catch((err: unknown) => {
  console.error('[load]', err instanceof Error ? err.message : err);
  process.exit(1);
});
