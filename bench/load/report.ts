import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { percentile } from '../stats';
import type { Sample } from './client';
import type { ProfileSummary } from './profiles';

export interface RouteStats {
  route: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface PhaseResult {
  ordersPerHour: number;
  seconds: number;
  ordersStarted: number;
  ordersCompleted: number;
  ordersFailed: number;
  failures: string[];
  requests: number;
  errorRate: number;
  routes: RouteStats[];
  /** Order placed → proof ready, approval → mailed as driven (ms): the event-driven stages. */
  proofLatency: { p50: number; p95: number; p99: number };
  /** Largest outbox lag and consumer backlog seen at the services' /metrics during the phase. */
  maxOutboxLagSeconds: number;
  maxConsumerPending: number;
  maxJobWaitSeconds: number;
  /** CPU seconds each part of the platform (and the load generator) used per order completed. */
  cpuSecondsPerOrder: Record<string, number>;
  /** Cores each part kept busy on average over the phase. */
  coresUsed: Record<string, number>;
  /** Per job queue: mean seconds a job took (start to finish) and how many finished in the phase. */
  jobSeconds: Record<string, { mean: number; jobs: number }>;
  /** p95 < 200 ms on every route, under 1% errors, and (nearly) every order through. */
  withinTargets: boolean;
}

/** Per-route percentiles of the samples of one phase; errors are 5xx, 429 and no answer. */
export function routeStats(samples: Sample[]): RouteStats[] {
  const byRoute = new Map<string, Sample[]>();
  for (const s of samples) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  return [...byRoute.entries()]
    .map(([route, list]) => {
      const ms = list.map((s) => s.ms);
      return {
        route,
        count: list.length,
        errors: list.filter((s) => s.status === 0 || s.status === 429 || s.status >= 500).length,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        p99: percentile(ms, 99),
      };
    })
    .sort((a, b) => b.p95 - a.p95);
}

/** report.json, and report.html: a chart of each phase's worst p95 and throughput, and the tables. */
export function writeReport(
  dir: string,
  report: {
    machine: string;
    startedAt: string;
    phases: PhaseResult[];
    ceilingOrdersPerHour: number | null;
    practices: number;
    where: string;
    profiles?: ProfileSummary[];
  },
) {
  writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const w = 640;
  const h = 240;
  const maxRate = Math.max(...report.phases.map((p) => p.ordersPerHour));
  const maxP95 = Math.max(250, ...report.phases.map((p) => Math.max(...p.routes.map((r) => r.p95))));
  const x = (rate: number) => 40 + ((w - 60) * rate) / maxRate;
  const y = (ms: number) => h - 30 - ((h - 50) * Math.min(ms, maxP95)) / maxP95;
  const worst = report.phases.map((p) => ({ rate: p.ordersPerHour, p95: Math.max(...p.routes.map((r) => r.p95)) }));
  const line = worst.map((p) => `${x(p.rate)},${y(p.p95)}`).join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="Worst route p95 by order rate">
<line x1="40" y1="${y(200)}" x2="${w - 20}" y2="${y(200)}" stroke="#c00" stroke-dasharray="4"/><text x="${w - 140}" y="${y(200) - 4}" font-size="11" fill="#c00">200 ms target</text>
<polyline fill="none" stroke="#1a5fb4" stroke-width="2" points="${line}"/>
${worst.map((p) => `<circle cx="${x(p.rate)}" cy="${y(p.p95)}" r="3" fill="#1a5fb4"><title>${p.rate} orders/h: ${p.p95.toFixed(0)} ms</title></circle><text x="${x(p.rate) - 20}" y="${h - 12}" font-size="10">${p.rate}</text>`).join('\n')}
<text x="4" y="14" font-size="11">worst route p95 (ms, max ${maxP95.toFixed(0)})</text><text x="${w / 2 - 40}" y="${h - 1}" font-size="11">orders per hour</text>
</svg>`;
  const rows = (p: PhaseResult) =>
    p.routes
      .map(
        (r) =>
          `<tr><td>${r.route}</td><td>${r.count}</td><td>${r.errors}</td><td>${r.p50.toFixed(0)}</td><td${r.p95 > 200 ? ' style="color:#c00"' : ''}>${r.p95.toFixed(0)}</td><td>${r.p99.toFixed(0)}</td></tr>`,
      )
      .join('');
  const html = `<!doctype html><meta charset="utf-8"><title>PatientLetterHub load report</title>
<style>body{font:14px system-ui;margin:2em;max-width:60em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child{text-align:left}</style>
<h1>Load report</h1><p>${report.machine}; ${report.practices} practices; started ${report.startedAt}. Ceiling: <b>${report.ceilingOrdersPerHour ?? 'not reached'}</b> orders/hour within targets. ${report.where}</p>
${svg}
${report.phases.map((p) => `<h2>${p.ordersPerHour} orders/hour for ${p.seconds} s ${p.withinTargets ? '✓' : '✗'}</h2><p>orders started ${p.ordersStarted}, completed ${p.ordersCompleted}, failed ${p.ordersFailed}; requests ${p.requests}, error rate ${(p.errorRate * 100).toFixed(2)}%; proof p50/p95 ${p.proofLatency.p50.toFixed(0)}/${p.proofLatency.p95.toFixed(0)} ms after placing; max outbox lag ${p.maxOutboxLagSeconds.toFixed(1)} s, max consumer backlog ${p.maxConsumerPending}, max job wait ${p.maxJobWaitSeconds.toFixed(1)} s</p><table><tr><th>route</th><th>n</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th></tr>${rows(p)}</table>`).join('\n')}`;
  writeFileSync(path.join(dir, 'report.html'), html);
}
