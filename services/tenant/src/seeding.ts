import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import type { PrismaClient } from '../generated/prisma';
import { tenantUnitOfWork } from './data/unit-of-work';
import { normalizeEmail } from './domain/auth/email';
import { createApiKey as createApiKeyUseCase } from './domain/api-keys/create-api-key';
import { createPractice } from './domain/practices/create-practice';
import { addProvider as addProviderUseCase } from './domain/providers/add-provider';
import { createUser as createUserUseCase, type NewUserInput } from './domain/users/create-user';

/**
 * The tenant service's use cases over a bare database client, for the demo seed, tests and ops
 * scripts that have no running service: the same rules, events and audit records as the API.
 */
const deps = (db: PrismaClient) => ({ unitOfWork: tenantUnitOfWork(db, new EventRegistry(ALL_EVENTS)) });

export const provisionTenant = (db: PrismaClient, input: Parameters<typeof createPractice>[1]) =>
  createPractice(deps(db), input);
export const createUser = (db: PrismaClient, input: NewUserInput) => createUserUseCase(deps(db), input);
export const createApiKey = (db: PrismaClient, input: Parameters<typeof createApiKeyUseCase>[1]) =>
  createApiKeyUseCase(deps(db), input);
export const addProvider = (db: PrismaClient, tenantId: string, input: Parameters<typeof addProviderUseCase>[2]) =>
  addProviderUseCase(deps(db), tenantId, input);
/** The user with `email`, whichever practice it belongs to (through the login lookup function). */
export const findUserByEmail = (db: PrismaClient, email: string) =>
  deps(db).unitOfWork.system(({ identity }) => identity.userByEmail(normalizeEmail(email)));
