import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import type { PrismaClient, Tx } from './db';
import { eventRepository } from './event.repository';
import { leieSystemRepository } from './leie.system-repository';
import { screeningRepository } from './screening.repository';
import { sourceSystemRepository } from './source.system-repository';

/** One practice's screenings, decisions and compliance events, bound to one transaction. */
function complianceRepositories(tx: Tx, tenantId: string) {
  return {
    screenings: screeningRepository(tx, tenantId),
    events: eventRepository(tx, tenantId),
    // The LEIE is public and platform-wide: screening reads it from inside a practice's transaction.
    leie: leieSystemRepository(tx),
  };
}

/** Platform-wide: the sources, their syncs and the LEIE snapshots. */
function complianceSystemRepositories(tx: Tx) {
  return { sources: sourceSystemRepository(tx), leie: leieSystemRepository(tx) };
}

export function complianceUnitOfWork(db: PrismaClient, registry: EventRegistry) {
  return createUnitOfWork({
    db,
    registry,
    service: 'compliance',
    repositories: complianceRepositories,
    systemRepositories: complianceSystemRepositories,
  });
}
export type ComplianceUnitOfWork = ReturnType<typeof complianceUnitOfWork>;
/** One transaction's repositories + the platform's outbox, audit log and work context. */
export type UnitOfWork = UnitOfWorkOf<ComplianceUnitOfWork>;
export type RunUnitOfWork = ComplianceUnitOfWork['run'];
