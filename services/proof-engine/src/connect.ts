import path from 'node:path';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { connectPlatform, createLogger } from '@plh/service-kit';
import type { Config } from './config';
import { PrismaClient } from '../generated/prisma';

/** The proof engine's data and events, as both of its processes (API and worker) connect them. */
export function connectProofPlatform(config: Config, name: string) {
  return connectPlatform({
    schema: 'proof',
    config,
    migrationsDir: path.join(__dirname, '..', 'prisma', 'migrations'),
    registry: new EventRegistry(ALL_EVENTS),
    createDb: (adapter) => new PrismaClient({ adapter }),
    log: createLogger(name, config.LOG_LEVEL),
  });
}
