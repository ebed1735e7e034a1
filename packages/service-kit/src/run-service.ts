import type { FastifyInstance } from 'fastify';
import type { BaseConfig } from './config';

/**
 * Listens, and on SIGTERM/SIGINT shuts down in order: `/readyz` turns 503 (preClose), the server
 * stops accepting and drains in-flight requests, then onClose hooks run (services register theirs:
 * stop consumers, flush the outbox relay, close NATS and the DB pool). A second signal or the
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
