import { TenantCreated } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { ComplianceUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import { PracticeBulletins } from '../domain/federal-register/practice-bulletins';

/**
 * A new practice (`plh.tenant.tenant.created`) gets its regulation bulletins at once rather than at the
 * next daily round: the job is queued in the event's transaction with its inbox row.
 */
export function startPracticeConsumer(platform: Platform<PrismaClient>, unitOfWork: ComplianceUnitOfWork) {
  return platform.consume({
    name: 'compliance-practice-events',
    unitOfWork,
    handlers: [
      on(TenantCreated, async (_event, uow: UnitOfWork) => void (await uow.queue.enqueue(PracticeBulletins, {}))),
    ],
  });
}
