import path from 'node:path';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { connectPlatform, createLogger, loadConfigOrExit, runService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

async function main(): Promise<void> {
  const config = loadConfigOrExit('proof-engine', ConfigSchema, process.env);
  const platform = await connectPlatform({
    schema: 'proof',
    config,
    migrationsDir: path.join(__dirname, '..', 'prisma', 'migrations'),
    registry: new EventRegistry(ALL_EVENTS),
    createDb: (adapter) => new PrismaClient({ adapter }),
    log: createLogger('proof-engine', config.LOG_LEVEL),
  });
  const app = await buildApp(config, { platform });
  await runService(app, config);
}

main().catch((err: unknown) => {
  console.error('proof-engine: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
