import type { EventRegistry } from '@plh/contracts';
import { withTenant } from '@plh/db';
import { outboxFor, type Outbox } from '@plh/event-bus';
import { dataKeyRepository } from './data-key.repository';
import type { PrismaClient, Tx } from './db';
import { billingRepository } from './billing.repository';
import { dashboardRepository } from './dashboard.repository';
import { proofRepository } from './proof.repository';
import { fileRepository } from './file.repository';
import { idempotencyRepository } from './idempotency.repository';
import { orderRepository } from './order.repository';
import { patientListRepository } from './patient-list.repository';
import { projectRepository } from './project.repository';
import { quoteRepository } from './quote.repository';

/** The repositories of one tenant, bound to one transaction, and the outbox of that transaction. */
export interface UnitOfWork {
  tenantId: string;
  projects: ReturnType<typeof projectRepository>;
  files: ReturnType<typeof fileRepository>;
  lists: ReturnType<typeof patientListRepository>;
  quotes: ReturnType<typeof quoteRepository>;
  orders: ReturnType<typeof orderRepository>;
  proofs: ReturnType<typeof proofRepository>;
  billing: ReturnType<typeof billingRepository>;
  dashboard: ReturnType<typeof dashboardRepository>;
  dataKeys: ReturnType<typeof dataKeyRepository>;
  idempotency: ReturnType<typeof idempotencyRepository>;
  outbox: Outbox;
}

export type RunUnitOfWork = <R>(
  tenantId: string,
  work: (uow: UnitOfWork) => Promise<R>,
  options?: { timeoutMs?: number },
) => Promise<R>;

/**
 * Domain code's only way to the database: a transaction with `app.tenant_id` set (row-level security
 * applies to every statement), repositories scoped to the same tenant, and the outbox in it, so a
 * state change and its events commit together or not at all.
 */
export function unitOfWork(db: PrismaClient, registry: EventRegistry): RunUnitOfWork {
  return (tenantId, work, options) =>
    db.$transaction(
      (tx) =>
        withTenant({ $transaction: (fn) => fn(tx) }, tenantId, () => work(bindUnitOfWork(tx, tenantId, registry))),
      { timeout: options?.timeoutMs ?? 10_000, maxWait: 5_000 },
    );
}

/**
 * The unit of work over a transaction someone else opened with `app.tenant_id` set: an event
 * consumer's, whose inbox row commits with whatever the handler does.
 */
export function bindUnitOfWork(tx: Tx, tenantId: string, registry: EventRegistry): UnitOfWork {
  return {
    tenantId,
    projects: projectRepository(tx, tenantId),
    files: fileRepository(tx, tenantId),
    lists: patientListRepository(tx, tenantId),
    quotes: quoteRepository(tx, tenantId),
    orders: orderRepository(tx, tenantId),
    proofs: proofRepository(tx, tenantId),
    billing: billingRepository(tx, tenantId),
    dashboard: dashboardRepository(tx, tenantId),
    dataKeys: dataKeyRepository(tx, tenantId),
    idempotency: idempotencyRepository(tx, tenantId),
    outbox: outboxFor(tx, registry),
  };
}
