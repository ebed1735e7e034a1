export { buildApp } from './app';
export { ConfigSchema, type Config } from './config';
export { PrismaClient } from '../generated/prisma';
// The rendering and template building blocks (benchmarks, tests).
export * from './domain/templates/checks';
export * from './domain/templates/compile';
export * from './domain/templates/library';
export * from './domain/templates/sample-data';
export * from './domain/render/layout';
export * from './domain/render/render-letters';
export * from './domain/render/render-batches';
export { proofEngineService } from './service';
