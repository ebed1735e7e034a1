import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import type { PrismaClient, Tx } from './db';
import { jobRepository } from './job.repository';
import { letterSetupRepository } from './letter-setup.repository';
import { templateRepository } from './template.repository';

/** The proof engine's repositories, each bound to one transaction and one tenant. */
function proofRepositories(tx: Tx, tenantId: string) {
  return {
    templates: templateRepository(tx, tenantId),
    letters: letterSetupRepository(tx, tenantId),
    jobs: jobRepository(tx, tenantId),
  };
}

export function proofUnitOfWork(db: PrismaClient, registry: EventRegistry) {
  return createUnitOfWork({
    db,
    registry,
    service: 'proof',
    repositories: proofRepositories,
  });
}
export type ProofUnitOfWork = ReturnType<typeof proofUnitOfWork>;
/** One transaction's repositories + the platform's outbox, audit log and work context. */
export type UnitOfWork = UnitOfWorkOf<ProofUnitOfWork>;
export type RunUnitOfWork = ProofUnitOfWork['run'];

/**
 * The next job of any practice for this worker (or one whose worker stopped renewing its lease):
 * through the claim_job() function, since the runtime role sees one tenant at a time.
 */
export async function claimNextJob(
  db: PrismaClient,
  leaseSec: number,
): Promise<{ id: string; tenantId: string } | null> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string; tenant_id: string }>>(
    'SELECT id::text, tenant_id::text FROM claim_job($1::int)',
    leaseSec,
  );
  return rows[0] ? { id: rows[0].id, tenantId: rows[0].tenant_id } : null;
}
