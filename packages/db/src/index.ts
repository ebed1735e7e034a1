export * from './identifiers';
export * from './migrate';
export * from './provision';
export * from './rls';
export * from './setup';
export * from './tenant-transaction';
export * from './prisma-adapter';
export * from './pg-database';
