import { Server } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { BaseConfig } from './config';

/** However long the server's Keep-Alive timeout, idle connections are closed after this much of a drain. */
const MAX_IDLE_WAIT_MS = 6_000;

/**
 * The first step of a drain, so that no client loses a request to it. Closing idle kept-alive
 * connections at once (what Node's server.close does) fails any request a client is sending on one at
 * that moment; under load that happens. Instead: stop listening (new connections go to another
 * instance), answer each next request on an open connection with `Connection: close` (create-service's
 * onSend, once readiness says shutting down), and leave idle connections to their clients, which close
 * them before the Keep-Alive timeout the server announced (undici: 2 s before it). Only the ones still
 * idle after that are closed here. A request still running at `giveUpAt` (a slow upload) has its
 * connection closed, so that the onClose hooks (consumers, relay, NATS, the database) still get their
 * share of SHUTDOWN_TIMEOUT_MS; then Fastify's close runs as before.
 */
async function stopTakingConnections(app: FastifyInstance, giveUpAt: number): Promise<void> {
  app.readiness.markShuttingDown();
  const server = app.server;
  // net's close, not http's: http's would close the idle connections now.
  Server.prototype.close.call(server);
  app.log.info('draining: not listening; open connections are left to their clients');
  const idleUntil = Date.now() + Math.min(server.keepAliveTimeout + 1_000, MAX_IDLE_WAIT_MS);
  while ((await openConnections(server)) > 0) {
    if (Date.now() > giveUpAt) {
      app.log.warn('drain: closing the connections of requests still running');
      server.closeAllConnections();
      return;
    }
    if (Date.now() > idleUntil) server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const openConnections = (server: Server) =>
  new Promise<number>((resolve) => server.getConnections((err, count) => resolve(err ? 0 : count)));

/**
 * Listens, and on SIGTERM/SIGINT shuts down in order: `/readyz` turns 503, the server stops accepting
 * connections and lets its clients close theirs (stopTakingConnections), then onClose hooks run
 * (services register theirs: stop consumers, flush the outbox relay, close NATS and the DB pool). A second signal or the
 * timeout forces exit. Returns the bound address.
 */
export async function runService(
  app: FastifyInstance,
  config: Pick<BaseConfig, 'HOST' | 'PORT' | 'SHUTDOWN_TIMEOUT_MS'> & { REUSE_PORT?: boolean },
) {
  let closing = false;
  const shutdown = async (reason: string, code: number) => {
    if (closing) {
      app.log.warn({ reason }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    app.log.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      // A third of the time (at most 3 s) is kept for the onClose hooks.
      const reserve = Math.min(config.SHUTDOWN_TIMEOUT_MS / 3, 3_000);
      if (app.server.listening) await stopTakingConnections(app, Date.now() + config.SHUTDOWN_TIMEOUT_MS - reserve);
      await app.close();
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      code = 1;
    }
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('uncaughtException', (err) => {
    app.log.fatal({ err }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });
  process.on('unhandledRejection', (err) => {
    app.log.fatal({ err }, 'unhandled rejection');
    void shutdown('unhandledRejection', 1);
  });
  // `reusePort` is Node's (≥ 22.12) and passes through Fastify's listen options untyped.
  const listenOptions = { host: config.HOST, port: config.PORT, reusePort: config.REUSE_PORT ?? false };
  const address = await app.listen(listenOptions);
  // Which runtime answers matters for security fixes: every service says it once, at start.
  app.log.info({ url: address, node: process.version, pid: process.pid }, 'serving');
  // A supervisor with an IPC channel (npm start's) learns this instance serves; on a port shared with
  // an older instance (REUSE_PORT) it could not tell from /readyz.
  process.send?.({ plh: 'serving', url: address });
  return address;
}
