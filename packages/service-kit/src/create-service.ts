import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { trustProxyOption, type BaseConfig } from './config';
import { errorHandler, notFoundHandler } from './error-handler';
import { createReadiness, healthRoutes, type ReadinessCheck, type Readiness } from './health';
import { loggerOptions } from './logger';
import { registerOpenApi } from './openapi';
import { ProblemSchema } from './problem';
import { metricsRegistry, observeHttp } from './metrics';
import { genRequestId, requestContext } from './request-context';
import { principalDecorator } from './auth/principal';
import { routeAccess } from './auth/route-access';
import { workContext } from './work-context';

export type ServiceApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
    serviceName: string;
  }
}

export interface CreateServiceOptions {
  name: string;
  config: BaseConfig;
  /** Dependencies `/readyz` checks (database, NATS). */
  readiness?: Record<string, ReadinessCheck>;
  /** Where logs go (stdout by default); tests capture them here. */
  logStream?: DestinationStream;
  /** Serve `GET /openapi.json` describing the routes (default true; the gateway merges these). */
  openApi?: boolean;
  /** How long an idle kept-alive connection is kept (default 5 s). */
  keepAliveTimeoutMs?: number;
}

/**
 * The Fastify instance every service starts from: JSON logs with PHI redaction, request ids,
 * trace context, problem+json for every error (404 included), `/healthz` and `/readyz`, a body
 * limit, and TypeBox schemas. Not listening: server.ts calls runService, tests call inject.
 */
export async function createService(options: CreateServiceOptions): Promise<ServiceApp> {
  const { name, config } = options;
  const app = Fastify({
    logger: { ...loggerOptions(name, config.LOG_LEVEL), ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: genRequestId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    // Shutdown stops accepting connections; a request that still arrives on an open keep-alive
    // connection is served (the database and NATS close only after the server), not refused with a
    // 503 the client could not tell from a failure. Its response closes the connection (onSend below).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Announced as `Keep-Alive: timeout=…`; clients drop an idle connection before it, so a drain
    // (runService) can wait for them to. Short behind the gateway; the gateway, behind a load balancer,
    // keeps Fastify's 72 s (longer than the balancer's idle timeout, or the balancer meets closed ones).
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // `content-type: application/json` with an empty body is "no body", not a 400: clients (and the
  // generated ones) send the header on every POST, also for actions that take no body.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    json(req, body.toString(), done);
  });

  const readiness = createReadiness();
  for (const [checkName, check] of Object.entries(options.readiness ?? {})) readiness.add(checkName, check);
  app.decorate('readiness', readiness);
  app.decorate('serviceName', name);
  const metrics = metricsRegistry(name);
  app.decorate('metrics', metrics);
  observeHttp(app, metrics);
  app.addSchema(ProblemSchema);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(requestContext);
  await app.register(principalDecorator);
  await app.register(routeAccess);
  await app.register(workContext);
  if (options.openApi !== false) await registerOpenApi(app, name);
  await app.register(healthRoutes);
  // Responses during shutdown close their keep-alive connection: the client learns from the answer
  // itself that the connection ends, and opens its next one elsewhere (see runService).
  app.addHook('preClose', async () => readiness.markShuttingDown());
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (readiness.isShuttingDown()) reply.header('connection', 'close');
    done(null, payload);
  });

  return app;
}
