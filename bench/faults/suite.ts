import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startPlatform, startRecorder, type RunningPlatform } from '@plh/test-kit';
import { LoadClient, NOT_A_PROBLEM, Session, type RetryPolicy, type Sample } from '../load/client';
import { provisionPractices } from '../load/practices';
import { runOrder, type OrderTimes, type Practice } from '../load/scenario';
import { ALL_FAULTS, type Fault } from './faults';
import { checkInvariants, PlatformState, quiesce, type Invariant } from './invariants';

export interface FaultSuiteOptions {
  practices: number;
  /** The steady order rate the faults hit (every order the whole way, as in the load test). */
  ordersPerHour: number;
  /** Load before the first fault and after each one: the platform is at work when the next one hits. */
  settleSeconds: number;
  /** Each fault this many times, in order. */
  rounds: number;
  faults?: Fault[];
  artifactsDir: string;
  log?: (msg: string) => void;
}

export interface FaultResult {
  name: string;
  round: number;
  what: string;
  seconds: number;
  /** When it began and ended (ms since the epoch). */
  from: number;
  to: number;
  databaseDown: boolean;
  /** Requests answered 5xx or not at all while it happened (each then retried by its client). */
  failedRequests: number;
  /** The first few failures: route, status (0: no answer) and cause. */
  failures: string[];
  /** Requests whose connection was lost before an answer and that went again on a new one. */
  resentRequests: number;
  requests: number;
  mustNotFail: boolean;
}

export interface FaultReport {
  options: Omit<FaultSuiteOptions, 'faults' | 'log'>;
  faults: FaultResult[];
  orders: { started: number; completed: number; failures: string[] };
  retries: number;
  invariants: Invariant[];
  passed: boolean;
}

const WEBHOOK_TOPICS = ['order.proof-ready', 'order.approved', 'order.status-changed', 'invoice.issued'];
/** A person retries a failing page for up to two minutes; a restart of anything must fit in that. */
const PATIENCE_MS = 120_000;

/**
 * `pnpm faults` and its short version in `npm test`: the platform as `npm start` runs it, practices
 * ordering letters the whole way at a steady rate, and meanwhile each fault of faults.ts. Then, once
 * the platform is quiet, the invariants of invariants.ts. Writes faults-report.json to artifactsDir.
 */
export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultReport> {
  const log = options.log ?? ((msg: string) => console.log(`[faults] ${msg}`));
  const faults = options.faults ?? ALL_FAULTS;
  log('starting the platform (scripts/start.mjs, a fresh data folder) ...');
  const platform: RunningPlatform = await startPlatform(options.artifactsDir, {
    RATE_LIMIT_TENANT_PER_MIN: '1000000',
    RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '100000',
    // The rolling restart: a new instance listens on the same ports before the old one drains.
    REUSE_PORT: 'true',
  });
  const client = new LoadClient(platform.url);
  let webhooks: Awaited<ReturnType<typeof startRecorder>> | undefined;
  let state: PlatformState | undefined;
  // Ends the orders still in flight when the run stops early (a fault the platform did not survive).
  const abort = new AbortController();
  let load: ReturnType<typeof steadyLoad> | undefined;
  try {
    webhooks = await startRecorder();
    state = await PlatformState.open(platform.adminUrl, platform.natsUrl);
    let retries = 0;
    const retry: RetryPolicy = { forMs: PATIENCE_MS, onRetry: () => void retries++, signal: abort.signal };
    const ops = new Session(client, 'ops-admin@patientletterhub.test', platform.passwords.opsAdmin, retry);
    await ops.login();
    log(`provisioning ${options.practices} practices, each with a webhook endpoint ...`);
    const practices = await provisionPractices(client, ops, options.practices, retry);
    for (const p of practices) await registerWebhook(p, webhooks.url);

    const since = new Date();
    const consumersAtStart = (await state.consumers()).map((c) => c.name);
    load = steadyLoad(practices, ops, options.ordersPerHour);
    const results: FaultResult[] = [];
    await sleep(options.settleSeconds * 1000);
    for (let round = 1; round <= options.rounds; round++)
      for (const fault of faults) {
        log(`${fault.name} (round ${round}) ...`);
        const first = client.samples.length;
        const started = Date.now();
        const what = await fault.inject({ control: platform.control, state, log });
        await waitAllReady(platform.url);
        const samples = client.samples.slice(first);
        const result: FaultResult = {
          name: fault.name,
          round,
          what,
          from: started,
          to: Date.now(),
          databaseDown: fault.databaseDown ?? false,
          seconds: (Date.now() - started) / 1000,
          failedRequests: samples.filter(failed).length,
          failures: samples
            .filter(failed)
            .slice(0, 5)
            .map((f) => `${f.route} ${f.status} ${f.cause ?? ''}`.trim()),
          resentRequests: samples.filter((s) => s.resent).length,
          requests: samples.length,
          mustNotFail: fault.noFailedRequests ?? false,
        };
        results.push(result);
        log(
          `  ${what}; ${result.failedRequests} of ${result.requests} requests failed meanwhile` +
            (result.resentRequests ? `, ${result.resentRequests} sent again on a new connection` : '') +
            (result.failures.length ? ` (${result.failures.join(' | ')})` : ''),
        );
        await sleep(options.settleSeconds * 1000);
      }

    log('stopping the load; waiting for the orders in flight ...');
    const orders = await load.stop();
    log('waiting until the platform is quiet (outboxes, consumers, jobs) ...');
    // Longer than the longest job lease (the proof engine's 300 s): a job whose worker was killed runs
    // again only once its lease ran out.
    const busy = await quiesce(state, 360_000);
    const invariants = await checkInvariants(state, {
      since,
      consumersAtStart,
      databaseOutages: results.filter((r) => r.databaseDown).map(({ from, to }) => ({ from, to })),
      acceptedOrders: orders.accepted,
      tenantIds: practices.map((p) => p.tenantId),
      mailDir: platform.mailDir,
      webhooks,
      verifyAudit: async (tenantId) =>
        (await ops.call('GET', `/api/tenants/${tenantId}/compliance/audit/verify`)).body as {
          valid: boolean;
          entries: number;
        },
    });
    invariants.unshift({ name: 'the platform became quiet', holds: busy === null, detail: busy ?? 'yes' });
    for (const r of results.filter((r) => r.mustNotFail))
      invariants.push({
        name: `no failed request during: ${r.name} (round ${r.round})`,
        holds: r.failedRequests === 0 && r.requests > 0,
        detail: `${r.failedRequests} of ${r.requests} failed${r.failures.length ? `: ${r.failures.join(' | ')}` : ''}`,
      });
    // A failure must still be a problem the client can read (problem+json), never a framework's default.
    const unreadable = client.samples.filter((s) => s.cause?.startsWith(NOT_A_PROBLEM));
    invariants.push({
      name: 'every server error was answered as application/problem+json',
      holds: unreadable.length === 0,
      detail: unreadable.length
        ? unreadable
            .slice(0, 3)
            .map((s) => `${s.route} ${s.status} ${s.cause}`)
            .join(' | ')
        : `${client.samples.filter((s) => s.status >= 500).length} answered 5xx, each a problem`,
    });
    invariants.push({
      name: 'every order started went the whole way',
      holds: orders.completed === orders.started && orders.started > 0,
      detail: `${orders.completed} of ${orders.started}${orders.failures.length ? `: ${orders.failures.slice(0, 3).join(' | ')}` : ''}`,
    });
    const report: FaultReport = {
      options: { ...options, faults: undefined, log: undefined } as FaultReport['options'],
      faults: results,
      orders: { started: orders.started, completed: orders.completed, failures: orders.failures },
      retries,
      invariants,
      passed: invariants.every((i) => i.holds),
    };
    writeFileSync(path.join(options.artifactsDir, 'faults-report.json'), JSON.stringify(report, null, 2));
    for (const i of invariants) log(`${i.holds ? 'ok  ' : 'FAIL'} ${i.name}: ${i.detail}`);
    return report;
  } finally {
    abort.abort();
    await load?.stop();
    await state?.close();
    await client.close();
    await webhooks?.close();
    await platform.stop();
  }

  /** Orders at a fixed rate, each the whole way, until stopped; then waits for those in flight. */
  function steadyLoad(practices: Practice[], ops: Session, ordersPerHour: number) {
    const inflight: Promise<void>[] = [];
    const accepted: string[] = [];
    const failures: string[] = [];
    let completed = 0;
    let seq = 0;
    const start = () => {
      const times: OrderTimes = {};
      const practice = practices[seq % practices.length]!;
      inflight.push(
        runOrder(practice, ops, seq++, times)
          .then(
            () => void completed++,
            (err: unknown) => void failures.push(err instanceof Error ? err.message : String(err)),
          )
          // Accepted: the practice was answered with the order, whatever happened after.
          .finally(() => times.orderId && accepted.push(times.orderId)),
      );
    };
    start();
    const timer = setInterval(start, 3_600_000 / ordersPerHour);
    let stopped: Promise<{ started: number; completed: number; failures: string[]; accepted: string[] }> | undefined;
    return {
      stop() {
        clearInterval(timer);
        stopped ??= Promise.all(inflight).then(() => ({
          started: seq,
          completed,
          failures,
          accepted: [...new Set(accepted)],
        }));
        return stopped;
      },
    };
  }
}

async function registerWebhook(practice: Practice, recorderUrl: string): Promise<void> {
  const res = await practice.owner.call('POST', `/api/tenants/${practice.tenantId}/notifications/webhooks`, {
    json: { url: `${recorderUrl}/hooks/${practice.tenantId}`, description: 'fault suite', topics: WEBHOOK_TOPICS },
  });
  if (res.status !== 201) throw new Error(`webhook endpoint: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** The gateway and, through its port arithmetic, every service answer /readyz (after a fault's recovery). */
async function waitAllReady(gatewayUrl: string): Promise<void> {
  const port = Number(new URL(gatewayUrl).port);
  const deadline = Date.now() + PATIENCE_MS;
  for (let i = 0; i < 6; i++) {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port + i}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`port ${port + i} not ready ${PATIENCE_MS / 1000} s after the fault`);
      await sleep(200);
    }
  }
}

const failed = (s: Sample) => s.status === 0 || s.status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
