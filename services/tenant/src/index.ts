/** What other packages (the gateway's tests, ops scripts) use of the tenant service. */
export { buildApp } from './app';
export { ConfigSchema, type Config } from './config';
export { addProvider, createApiKey, createUser, findUserByEmail, provisionTenant } from './seeding';
export { isValidNpi } from './domain/npi';
export { PrismaClient } from '../generated/prisma';
export { tenantService } from './service';
