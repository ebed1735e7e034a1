import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler';
import { ServiceUnavailable } from './problem';

/** A dependency the service cannot serve without. Resolves when healthy, throws (or times out) when not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface Readiness {
  add(name: string, check: ReadinessCheck): void;
  /** Set on shutdown so load balancers stop sending traffic before connections drain. */
  markShuttingDown(): void;
  isShuttingDown(): boolean;
  /** `checks` is safe to show anyone (names and ok/failed); `errors` holds the reasons, for logs only. */
  run(
    timeoutMs?: number,
  ): Promise<{ ready: boolean; checks: Record<string, 'ok' | 'failed'>; errors: Record<string, string> }>;
}

export function createReadiness(): Readiness {
  const checks = new Map<string, ReadinessCheck>();
  let shuttingDown = false;
  return {
    add: (name, check) => void checks.set(name, check),
    markShuttingDown: () => void (shuttingDown = true),
    isShuttingDown: () => shuttingDown,
    run: async (timeoutMs = 2_000) => {
      const results: Record<string, 'ok' | 'failed'> = {};
      const errors: Record<string, string> = {};
      await Promise.all(
        [...checks].map(async ([name, check]) => {
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([
              check(),
              new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), timeoutMs))),
            ]);
            results[name] = 'ok';
          } catch (err) {
            results[name] = 'failed';
            errors[name] = err instanceof Error ? err.message : String(err);
          } finally {
            clearTimeout(timer);
          }
        }),
      );
      if (shuttingDown) {
        results.shutdown = 'failed';
        errors.shutdown = 'shutting down';
      }
      return { ready: Object.values(results).every((r) => r === 'ok'), checks: results, errors };
    },
  };
}

/** Readiness of PostgreSQL through anything with `$queryRawUnsafe` (Prisma, PgDatabase). */
export const postgresCheck =
  (db: { $queryRawUnsafe(q: string): Promise<unknown> }): ReadinessCheck =>
  () =>
    db.$queryRawUnsafe('SELECT 1');

/** Readiness of NATS: connected, and the server answers a round trip. */
export const natsCheck =
  (nc: { isClosed(): boolean; rtt(): Promise<number> }): ReadinessCheck =>
  async () => {
    if (nc.isClosed()) throw new Error('connection closed');
    await nc.rtt();
  };

/** `/healthz`: the process is alive (no dependency checks, so a DB outage does not restart pods). `/readyz`: it can serve. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (req, reply) => {
    const result = await app.readiness.run();
    if (result.ready) return { status: 'ready', checks: result.checks };
    // Reasons (hosts, role names, driver messages) go to the log, never to an unauthenticated caller.
    req.log.warn({ errors: result.errors }, 'not ready');
    const failing = Object.keys(result.errors).join(', ');
    return sendProblem(reply, new ServiceUnavailable(`Not ready: ${failing}`));
  });
}
