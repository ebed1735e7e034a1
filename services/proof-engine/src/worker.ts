import path from 'node:path';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { connectPlatform, createLogger, loadConfigOrExit, runService } from '@plh/service-kit';
import { buildWorkerApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

/** The proof worker as its own process: renders jobs from the queue; PORT serves its health checks. */
async function main(): Promise<void> {
  const config = loadConfigOrExit('proof-engine-worker', ConfigSchema, process.env);
  const platform = await connectPlatform({
    schema: 'proof',
    config,
    migrationsDir: path.join(__dirname, '..', 'prisma', 'migrations'),
    registry: new EventRegistry(ALL_EVENTS),
    createDb: (adapter) => new PrismaClient({ adapter }),
    log: createLogger('proof-engine-worker', config.LOG_LEVEL),
  });
  await runService(await buildWorkerApp(config, { platform }), config);
}

main().catch((err: unknown) => {
  console.error('proof-engine-worker: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
