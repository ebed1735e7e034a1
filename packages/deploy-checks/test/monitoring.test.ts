/**
 * infrastructure/monitoring: the alert rules and the Prometheus config pass promtool's checks, the
 * rules' unit tests pass (each alert fires when it should and not before), and every metric the rules
 * and the Grafana dashboard read is one the services export: a renamed metric cannot leave a silent
 * alert or an empty panel behind.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';
import { loadCompose } from '../src/compose';
import { REPO_ROOT, SERVICE_NAMES } from '../src/services';

const MONITORING = path.join(REPO_ROOT, 'infrastructure/monitoring');

function promtool(args: string[]): string {
  const bin = process.env.PROMTOOL_BIN;
  if (!bin) throw new Error('PROMTOOL_BIN is not set: run the suite with `npm test` (scripts/ensure-promtool.mjs)');
  return execFileSync(bin, args, { cwd: MONITORING, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The metric names the services define (`name: 'plh_…'` in their source), with the series a histogram adds. */
function exportedMetrics(): Set<string> {
  const names = new Set<string>();
  const scan = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        for (const m of readFileSync(full, 'utf8').matchAll(/name: '(plh_[a-z0-9_]+)'/g)) names.add(m[1]!);
    }
  };
  for (const root of ['packages/service-kit/src', ...SERVICE_NAMES.map((s) => `services/${s}/src`)])
    scan(path.join(REPO_ROOT, root));
  // The process metrics every service serves (prom-client's defaults, with the plh_ prefix).
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults, prefix: 'plh_' });
  for (const metric of defaults.getMetricsAsArray()) names.add(metric.name);
  for (const name of [...names]) for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
  return names;
}

const metricsIn = (expr: string) => [...expr.matchAll(/\b(plh_[a-z0-9_]+)/g)].map((m) => m[1]!);

it('promtool accepts the rules and the Prometheus config', () => {
  expect(promtool(['check', 'rules', 'alerts.yml'])).toMatch(/SUCCESS: \d+ rules found/);
  expect(promtool(['check', 'config', 'prometheus.yml'])).toContain('SUCCESS');
});

it("the rules' unit tests pass: each alert fires on the series that should raise it, and not on healthy ones", () => {
  expect(promtool(['test', 'rules', 'alerts.test.yml'])).toContain('SUCCESS');
});

it('reads only metrics the services export, in every rule and every dashboard panel', () => {
  const exported = exportedMetrics();
  expect(exported.has('plh_http_request_duration_seconds_bucket')).toBe(true);
  const rules = parse(readFileSync(path.join(MONITORING, 'alerts.yml'), 'utf8')) as {
    groups: { rules: { alert: string; expr: string }[] }[];
  };
  const dashboard = JSON.parse(readFileSync(path.join(MONITORING, 'grafana/patientletterhub.json'), 'utf8')) as {
    panels: { id: number; title: string; targets: { expr: string }[] }[];
  };
  const exprs = [
    ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `rule ${r.alert}`, expr: r.expr }))),
    ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel ${p.title}`, expr: t.expr }))),
  ];
  expect(exprs.length).toBeGreaterThan(20);
  const unknown = exprs.flatMap(({ where, expr }) =>
    metricsIn(expr)
      .filter((m) => !exported.has(m))
      .map((m) => `${where}: ${m}`),
  );
  expect(unknown).toEqual([]);
  expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
});

it('the compose Prometheus scrapes every service on METRICS_PORT', () => {
  const config = parse(readFileSync(path.join(MONITORING, 'prometheus.yml'), 'utf8')) as {
    scrape_configs: { static_configs: { targets: string[] }[] }[];
  };
  const targets = config.scrape_configs.flatMap((s) => s.static_configs.flatMap((c) => c.targets));
  const { services } = loadCompose();
  expect(targets.sort()).toEqual(SERVICE_NAMES.map((s) => `${s}:${services[s]!.environment!.METRICS_PORT}`).sort());
});
