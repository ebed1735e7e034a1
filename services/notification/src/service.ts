import path from 'node:path';
import { defineService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { PrismaClient } from '../generated/prisma';

/** The notification service: email, SMS and webhooks from platform events, by preferences, with a delivery log. */
export const notificationService = defineService({
  name: 'notification',
  schema: 'notification',
  serviceDir: path.join(__dirname, '..'),
  configSchema: ConfigSchema,
  createDb: (adapter) => new PrismaClient({ adapter }),
  buildApp,
});
