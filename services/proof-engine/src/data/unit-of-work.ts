import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import type { PrismaClient, Tx } from './db';
import { jobRepository } from './job.repository';
import { letterSetupRepository } from './letter-setup.repository';
import { retentionSystemRepository } from './retention.system-repository';
import { templateRepository } from './template.repository';

/** The proof engine's repositories, each bound to one transaction and one tenant. */
function proofRepositories(tx: Tx, tenantId: string) {
  return {
    templates: templateRepository(tx, tenantId),
    letters: letterSetupRepository(tx, tenantId),
    jobs: jobRepository(tx, tenantId),
  };
}

/** Reads across practices (the retention sweep), through SECURITY DEFINER functions. */
function proofSystemRepositories(tx: Tx) {
  return { retention: retentionSystemRepository(tx) };
}

export function proofUnitOfWork(db: PrismaClient, registry: EventRegistry) {
  return createUnitOfWork({
    db,
    registry,
    service: 'proof',
    repositories: proofRepositories,
    systemRepositories: proofSystemRepositories,
  });
}
export type ProofUnitOfWork = ReturnType<typeof proofUnitOfWork>;
/** One transaction's repositories + the platform's outbox, audit log and work context. */
export type UnitOfWork = UnitOfWorkOf<ProofUnitOfWork>;
export type RunUnitOfWork = ProofUnitOfWork['run'];
