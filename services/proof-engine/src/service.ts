import path from 'node:path';
import { defineService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

/** The proof engine: templates, letter set-ups, proof and production jobs (its worker renders them). */
export const proofEngineService = defineService({
  name: 'proof-engine',
  schema: 'proof',
  serviceDir: path.join(__dirname, '..'),
  configSchema: ConfigSchema,
  createDb: (adapter) => new PrismaClient({ adapter }),
  buildApp,
});
