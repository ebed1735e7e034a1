import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import { auditChainsSystemRepository } from './audit-chains.system-repository';
import { auditTrailRepository } from './audit-trail.repository';
import type { PrismaClient, Tx } from './db';
import { escalationSystemRepository } from './escalation.system-repository';
import { eventRepository } from './event.repository';
import { leieSystemRepository } from './leie.system-repository';
import { npiSystemRepository } from './npi.system-repository';
import { regulationSystemRepository } from './regulation.system-repository';
import { screeningMonthRepository } from './screening-month.repository';
import { screeningStateRepository } from './screening-state.repository';
import { screeningLocks, screeningRepository } from './screening.repository';
import { sourceSystemRepository } from './source.system-repository';
import { stateListSystemRepository } from './state-list.system-repository';

/** One practice's screenings, decisions and compliance events, bound to one transaction. */
function complianceRepositories(tx: Tx, tenantId: string) {
  return {
    screenings: screeningRepository(tx, tenantId),
    screeningMonths: screeningMonthRepository(tx, tenantId),
    screeningState: screeningStateRepository(tx, tenantId),
    events: eventRepository(tx, tenantId),
    auditTrail: auditTrailRepository(tx, tenantId),
    // The LEIE, the state lists and the NPI Registry are public and platform-wide: screening reads them from inside a
    // practice's transaction.
    leie: leieSystemRepository(tx),
    npis: npiSystemRepository(tx),
    stateLists: stateListSystemRepository(tx),
    regulations: regulationSystemRepository(tx),
  };
}

/** Platform-wide: the sources, their syncs, the LEIE and state-list snapshots, the NPI Registry's answers. */
function complianceSystemRepositories(tx: Tx) {
  return {
    screeningLocks: screeningLocks(tx),
    auditChains: auditChainsSystemRepository(tx),
    escalations: escalationSystemRepository(tx),
    sources: sourceSystemRepository(tx),
    leie: leieSystemRepository(tx),
    npis: npiSystemRepository(tx),
    stateLists: stateListSystemRepository(tx),
    regulations: regulationSystemRepository(tx),
  };
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
export type BatchUnitOfWork = ComplianceUnitOfWork['runBatch'];
/** A platform-wide transaction's repositories, outbox, audit log and job queue. */
export type SystemUnitOfWork = Parameters<Parameters<ComplianceUnitOfWork['system']>[0]>[0];
