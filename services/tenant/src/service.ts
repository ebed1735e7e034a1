import path from 'node:path';
import { defineService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

/** The tenant service: practices, users, tokens and JWKS, API keys, settings, provider roster. */
export const tenantService = defineService({
  name: 'tenant',
  schema: 'tenant',
  serviceDir: path.join(__dirname, '..'),
  configSchema: ConfigSchema,
  createDb: (adapter) => new PrismaClient({ adapter }),
  buildApp,
});
