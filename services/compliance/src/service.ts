import path from 'node:path';
import { defineService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

/** The compliance service: sources (OIG LEIE), screening of provider rosters, compliance events and alerts. */
export const complianceService = defineService({
  name: 'compliance',
  schema: 'compliance',
  serviceDir: path.join(__dirname, '..'),
  configSchema: ConfigSchema,
  createDb: (adapter) => new PrismaClient({ adapter }),
  buildApp,
});
