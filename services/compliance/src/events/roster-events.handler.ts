import { ProviderAdded, ProviderChanged, ProviderRemoved } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { ComplianceUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import { ScreenPractice } from '../domain/screening/screen-practices';

/**
 * A roster change (`plh.tenant.provider.*`) queues a screening of that practice's whole roster (new NPIs
 * looked up in the NPI Registry first), in the
 * event's transaction with its inbox row: a redelivery queues nothing more, and the job reads the
 * roster as it is when it runs, so changes in quick succession are all seen.
 */
export function startRosterConsumer(platform: Platform<PrismaClient>, unitOfWork: ComplianceUnitOfWork) {
  const rescreen = async (_event: unknown, uow: UnitOfWork) =>
    void (await uow.queue.enqueue(ScreenPractice, { sourceFetchedAt: null, verifyNpis: true }));
  return platform.consume({
    name: 'compliance-roster-events',
    unitOfWork,
    handlers: [on(ProviderAdded, rescreen), on(ProviderChanged, rescreen), on(ProviderRemoved, rescreen)],
  });
}
