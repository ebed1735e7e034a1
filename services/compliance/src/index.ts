export { buildApp } from './app';
export { ConfigSchema, type Config } from './config';
export { PrismaClient } from '../generated/prisma';
export { complianceService } from './service';
// The LEIE format and matching (benchmarks, tests).
export * from './domain/leie/leie-format';
export * from './domain/leie/read-leie';
export * from './domain/matching/names';
export * from './domain/matching/screen-provider';
