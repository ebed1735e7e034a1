import path from 'node:path';
import { defineService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

/** The core service: projects, files, patient lists, quotes, orders and their timeline. */
export const coreService = defineService({
  name: 'core',
  schema: 'core',
  serviceDir: path.join(__dirname, '..'),
  configSchema: ConfigSchema,
  createDb: (adapter) => new PrismaClient({ adapter }),
  buildApp,
});
