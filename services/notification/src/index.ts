export { buildApp } from './app';
export { ConfigSchema, type Config } from './config';
export { PrismaClient } from '../generated/prisma';
export { notificationService } from './service';
