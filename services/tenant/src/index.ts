/** What other packages (the gateway's tests, ops scripts) use of the tenant service. */
export { buildApp } from './app';
export { ConfigSchema, type Config } from './config';
export { createUser, provisionTenant } from './domain/provision-tenant';
export { createApiKey } from './domain/api-keys';
export { addProvider } from './domain/providers';
export { isValidNpi } from './domain/npi';
export { PrismaClient } from '../generated/prisma';
