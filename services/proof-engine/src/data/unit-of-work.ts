import type { EventRegistry } from '@plh/contracts';
import { withTenant } from '@plh/db';
import { outboxFor, type Outbox } from '@plh/event-bus';
import type { PrismaClient, Tx } from './db';
import { jobRepository } from './job.repository';
import { letterSetupRepository } from './letter-setup.repository';
import { templateRepository } from './template.repository';

/** The repositories of one tenant, bound to one transaction, and the outbox of that transaction. */
export interface UnitOfWork {
  tenantId: string;
  templates: ReturnType<typeof templateRepository>;
  letters: ReturnType<typeof letterSetupRepository>;
  jobs: ReturnType<typeof jobRepository>;
  outbox: Outbox;
}

export type RunUnitOfWork = <R>(tenantId: string, work: (uow: UnitOfWork) => Promise<R>) => Promise<R>;

/**
 * Domain code's only way to the database: a transaction with `app.tenant_id` set (row-level security
 * applies), repositories scoped to the same tenant, and the outbox, so a state change and its
 * events commit together.
 */
export function unitOfWork(db: PrismaClient, registry: EventRegistry): RunUnitOfWork {
  return (tenantId, work) =>
    db.$transaction(
      (tx) =>
        withTenant({ $transaction: (fn) => fn(tx) }, tenantId, () => work(bindUnitOfWork(tx, tenantId, registry))),
      { timeout: 10_000, maxWait: 5_000 },
    );
}

/** The unit of work over a consumer's transaction (its inbox row commits with the work). */
export function bindUnitOfWork(tx: Tx, tenantId: string, registry: EventRegistry): UnitOfWork {
  return {
    tenantId,
    templates: templateRepository(tx, tenantId),
    letters: letterSetupRepository(tx, tenantId),
    jobs: jobRepository(tx, tenantId),
    outbox: outboxFor(tx, registry),
  };
}

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
