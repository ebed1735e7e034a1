import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics (HTTP); served with the platform's on METRICS_PORT, never on the service's port. */
    metrics: Registry;
  }
}

/** A registry whose every series carries `service` (one per app or platform: tests run several in a process). */
export function metricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return registry;
}

/**
 * Requests by method, route (the template, not the path: ids would make a series per order) and
 * status, with their durations. Buckets span the 200 ms target from both sides.
 */
export function observeHttp(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'plh_http_request_duration_seconds',
    help: 'HTTP requests served, by route and status, and how long they took',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', (req, reply, done) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/**
 * A gauge read when Prometheus scrapes (a query, a NATS call). A failed read is skipped, not a failed
 * scrape: the other series still arrive, and `plh_metric_read_errors` says which one failed.
 */
export function scrapedGauge(
  registry: Registry,
  definition: { name: string; help: string; labelNames?: string[] },
  read: () => Promise<Array<{ labels?: Record<string, string>; value: number }>>,
): void {
  new Gauge({
    ...definition,
    labelNames: definition.labelNames ?? [],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await read()) this.set(labels ?? {}, value);
      } catch {
        readErrors(registry).inc({ metric: definition.name });
      }
    },
  });
}

const errorCounters = new WeakMap<Registry, Gauge>();
function readErrors(registry: Registry): Gauge {
  let gauge = errorCounters.get(registry);
  if (!gauge) {
    gauge = new Gauge({
      name: 'plh_metric_read_errors',
      help: 'Scrapes at which a metric could not be read (its source did not answer)',
      labelNames: ['metric'],
      registers: [registry],
    });
    errorCounters.set(registry, gauge);
  }
  return gauge;
}

/**
 * Serves `GET /metrics` (Prometheus text format) of these registries plus the process's own (CPU,
 * memory, event loop lag, GC) on its own port, which the gateway never routes to and a NetworkPolicy
 * opens only to Prometheus.
 */
export async function serveMetrics(
  service: string,
  registries: Registry[],
  options: { host: string; port: number; reusePort?: boolean },
): Promise<Server> {
  const runtime = metricsRegistry(service);
  collectDefaultMetrics({ register: runtime, prefix: 'plh_' });
  const all = [runtime, ...registries];
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.all(all.map((r) => r.metrics())).then(
      (texts) => res.writeHead(200, { 'content-type': runtime.contentType }).end(texts.join('\n')),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed'),
    );
  });
  await new Promise<void>((resolve, reject) =>
    server
      .once('error', reject)
      .listen({ port: options.port, host: options.host, reusePort: options.reusePort }, resolve),
  );
  return server;
}

/** Serves a process's metrics when METRICS_PORT is set, and stops serving them when its app closes. */
export async function serveMetricsOf(
  app: { addHook(name: 'onClose', hook: () => Promise<void>): unknown; log: { info(obj: object, msg: string): void } },
  service: string,
  config: { HOST: string; METRICS_PORT: number; REUSE_PORT?: boolean },
  registries: Registry[],
): Promise<void> {
  if (!config.METRICS_PORT) return;
  const server = await serveMetrics(service, registries, {
    host: config.HOST,
    port: config.METRICS_PORT,
    reusePort: config.REUSE_PORT,
  });
  app.addHook('onClose', () => new Promise<void>((resolve) => server.close(() => resolve())));
  app.log.info({ url: `http://${config.HOST}:${config.METRICS_PORT}/metrics` }, 'metrics');
}
