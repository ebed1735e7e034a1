import path from 'node:path';
import type { Static, TObject } from '@sinclair/typebox';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import type { FastifyInstance } from 'fastify';
import { loadConfigOrExit, type BaseConfig } from './config';
import { createLogger } from './logger';
import {
  connectPlatform,
  type ConnectPlatformOptions,
  type Platform,
  type PlatformConfig,
  type PlatformDb,
} from './platform';
import { runService } from './run-service';
import { serveMetricsOf } from './metrics';
import { tracingFromConfig } from './telemetry';

/**
 * What makes a service a service, said once in its `src/service.ts`: its name, schema, folder,
 * configuration and Prisma client, and how it builds its app. `server.ts`, `worker.ts`, the migration
 * drift test and the integration tests' set-up are each one call on it (`runServiceMain`,
 * `checkMigrationDrift`, `startTestService`), so a new service is its routes, domain, data, events
 * and schema.
 */
export interface ServiceDefinition<S extends TObject, Db extends PlatformDb> {
  /** Process and log name (`core`). */
  name: string;
  /** PostgreSQL schema and event source (`core` → schema core, stream PLH_CORE, subjects plh.core.>). */
  schema: string;
  /** The service package's folder: `prisma/schema.prisma` and `prisma/migrations` below it. */
  serviceDir: string;
  configSchema: S;
  createDb: ConnectPlatformOptions<Db>['createDb'];
  /** Event contracts it validates against (default: every contract of @plh/contracts). */
  registry?: EventRegistry;
  /** Its HTTP app (a service may take more, optional, deps: tests pass them). */
  buildApp(config: Static<S>, deps: { platform: Platform<Db> }): Promise<FastifyInstance>;
}

export function defineService<S extends TObject, Db extends PlatformDb>(
  definition: ServiceDefinition<S, Db>,
): ServiceDefinition<S, Db> & { registry: EventRegistry } {
  return { ...definition, registry: definition.registry ?? new EventRegistry(ALL_EVENTS) };
}

/** The service's data and events as its processes connect them (migrating first when configured). */
export function connectServicePlatform<S extends TObject, Db extends PlatformDb>(
  service: ServiceDefinition<S, Db>,
  config: PlatformConfig & Pick<BaseConfig, 'LOG_LEVEL'>,
  processName = service.name,
): Promise<Platform<Db>> {
  return connectPlatform({
    schema: service.schema,
    serviceName: processName,
    config,
    migrationsDir: path.join(service.serviceDir, 'prisma', 'migrations'),
    registry: service.registry ?? new EventRegistry(ALL_EVENTS), // set by defineService; a hand-made definition may not
    createDb: service.createDb,
    log: createLogger(processName, config.LOG_LEVEL),
  });
}

/**
 * A process's `main`: configuration from the environment (exits naming every bad variable),
 * platform, app, then listen until SIGTERM. `processName` and `buildApp` let one service run a
 * second kind of process (the proof engine's worker) from the same definition.
 */
export function runServiceMain<S extends TObject, Db extends PlatformDb>(
  service: ServiceDefinition<S, Db>,
  options: {
    processName?: string;
    buildApp?: (config: Static<S>, deps: { platform: Platform<Db> }) => Promise<FastifyInstance>;
  } = {},
): void {
  const processName = options.processName ?? service.name;
  const main = async () => {
    const config = loadConfigOrExit(processName, service.configSchema, process.env) as Static<S> &
      PlatformConfig &
      BaseConfig;
    // Tracing first, so the spans of start-up work are recorded too.
    const tracing = tracingFromConfig(processName, config);
    const platform = await connectServicePlatform(service, config, processName);
    const build = options.buildApp ?? service.buildApp;
    const app = await build(config, { platform });
    tracing.closeWith(app);
    await serveMetricsOf(app, processName, config, [app.metrics, platform.metrics]);
    await runService(app, config);
  };
  main().catch((err: unknown) => {
    console.error(`${processName}: failed to start:`, err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
