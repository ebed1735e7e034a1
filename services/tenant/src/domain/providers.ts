import { randomUUID } from 'node:crypto';
import { createEvent, ProviderAdded, ProviderChanged, ProviderRemoved, type EventRegistry } from '@plh/contracts';
import { withTenant } from '@plh/db';
import { enqueueEvent } from '@plh/event-bus';
import { Conflict, NotFound, ValidationFailed } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import { isValidNpi } from './npi';

export interface ProviderDeps {
  db: PrismaClient;
  registry: EventRegistry;
}

export interface ProviderInput {
  npi: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  licenseState: string;
  licenseNumber: string;
  specialty?: string | null;
}

export interface ProviderView extends ProviderInput {
  id: string;
  specialty: string | null;
  createdAt: string;
  updatedAt: string;
}

function check(input: ProviderInput): void {
  const errors = [];
  if (!isValidNpi(input.npi))
    errors.push({ pointer: '/body/npi', message: 'is not a valid NPI (10 digits, Luhn check digit)' });
  const dob = new Date(`${input.dateOfBirth}T00:00:00Z`);
  if (Number.isNaN(dob.getTime()) || dob > new Date() || dob.getUTCFullYear() < 1900) {
    errors.push({ pointer: '/body/dateOfBirth', message: 'must be a real past date' });
  }
  if (errors.length) throw new ValidationFailed(errors);
}

const data = (input: ProviderInput) => ({
  npi: input.npi,
  firstName: input.firstName.trim(),
  lastName: input.lastName.trim(),
  dateOfBirth: new Date(`${input.dateOfBirth}T00:00:00Z`),
  licenseState: input.licenseState.toUpperCase(),
  licenseNumber: input.licenseNumber.trim(),
  specialty: input.specialty?.trim() || null,
});

type Row = Awaited<ReturnType<PrismaClient['provider']['create']>>;
const toView = (row: Row): ProviderView => ({
  id: row.id,
  npi: row.npi,
  firstName: row.firstName,
  lastName: row.lastName,
  dateOfBirth: row.dateOfBirth.toISOString().slice(0, 10),
  licenseState: row.licenseState,
  licenseNumber: row.licenseNumber,
  specialty: row.specialty,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function listProviders(db: PrismaClient, tenantId: string): Promise<ProviderView[]> {
  const rows = await withTenant(db, tenantId, (tx) =>
    tx.provider.findMany({ where: { tenantId }, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }] }),
  );
  return rows.map(toView);
}

export async function addProvider(deps: ProviderDeps, tenantId: string, input: ProviderInput): Promise<ProviderView> {
  check(input);
  return withTenant(deps.db, tenantId, async (tx) => {
    if (await tx.provider.findFirst({ where: { tenantId, npi: input.npi } })) {
      throw new Conflict('PROVIDER_EXISTS', 'This NPI is on the roster already.');
    }
    const row = await tx.provider.create({ data: { id: randomUUID(), tenantId, ...data(input) } });
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(ProviderAdded, { source: 'tenant', tenantId, data: { providerId: row.id } }),
    );
    return toView(row);
  });
}

export async function updateProvider(
  deps: ProviderDeps,
  tenantId: string,
  providerId: string,
  input: ProviderInput,
): Promise<ProviderView> {
  check(input);
  return withTenant(deps.db, tenantId, async (tx) => {
    const existing = await tx.provider.findFirst({ where: { tenantId, id: providerId } });
    if (!existing) throw new NotFound('No such provider.');
    const clash = await tx.provider.findFirst({ where: { tenantId, npi: input.npi, NOT: { id: providerId } } });
    if (clash) throw new Conflict('PROVIDER_EXISTS', 'This NPI is on the roster already.');
    const row = await tx.provider.update({
      where: { id: providerId },
      data: { ...data(input), updatedAt: new Date() },
    });
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(ProviderChanged, { source: 'tenant', tenantId, data: { providerId } }),
    );
    return toView(row);
  });
}

export async function removeProvider(deps: ProviderDeps, tenantId: string, providerId: string): Promise<void> {
  await withTenant(deps.db, tenantId, async (tx) => {
    const { count } = await tx.provider.deleteMany({ where: { tenantId, id: providerId } });
    if (count === 0) throw new NotFound('No such provider.');
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(ProviderRemoved, { source: 'tenant', tenantId, data: { providerId } }),
    );
  });
}
