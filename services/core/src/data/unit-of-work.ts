import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import { billingRepository } from './billing.repository';
import { dashboardRepository } from './dashboard.repository';
import { dataKeyRepository } from './data-key.repository';
import type { PrismaClient, Tx } from './db';
import { fileRepository } from './file.repository';
import { idempotencyRepository } from './idempotency.repository';
import { opsQueueRepository } from './ops-queue.repository';
import { orderRepository } from './order.repository';
import { patientListRepository } from './patient-list.repository';
import { projectRepository } from './project.repository';
import { proofRepository } from './proof.repository';
import { quoteRepository } from './quote.repository';
import { retentionSystemRepository } from './retention.system-repository';

/** Core's repositories, each bound to one transaction and one tenant. */
function coreRepositories(tx: Tx, tenantId: string) {
  return {
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
  };
}

/** Reads across practices (the ops team's queue, the retention sweep), through SECURITY DEFINER functions. */
function coreSystemRepositories(tx: Tx) {
  return { opsQueue: opsQueueRepository(tx), retention: retentionSystemRepository(tx) };
}

export function coreUnitOfWork(db: PrismaClient, registry: EventRegistry) {
  return createUnitOfWork({
    db,
    registry,
    service: 'core',
    repositories: coreRepositories,
    systemRepositories: coreSystemRepositories,
  });
}
export type CoreUnitOfWork = ReturnType<typeof coreUnitOfWork>;
/** One transaction's repositories + the platform's outbox, audit log and work context. */
export type UnitOfWork = UnitOfWorkOf<CoreUnitOfWork>;
export type RunUnitOfWork = CoreUnitOfWork['run'];
