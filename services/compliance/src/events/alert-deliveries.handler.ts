import { ComplianceAlertDelivered, ComplianceAlertUndelivered } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { ComplianceUnitOfWork, UnitOfWork } from '../data/unit-of-work';

/**
 * The notification service's report on each alert: when it first reached someone and how long after
 * the source data (the 15-minute SLA, measured), or that it reached nobody in time. Kept on the
 * compliance event, shown with it.
 */
export function startAlertDeliveryConsumer(platform: Platform<PrismaClient>, unitOfWork: ComplianceUnitOfWork) {
  return platform.consume({
    name: 'compliance-alert-deliveries',
    unitOfWork,
    handlers: [
      on(ComplianceAlertDelivered, async (e, uow: UnitOfWork) => {
        await uow.events.recordDelivery(
          e.data.eventId,
          new Date(e.data.deliveredAt),
          e.data.deliveryMs,
          e.data.channel,
        );
      }),
      on(ComplianceAlertUndelivered, async (e, uow: UnitOfWork) => {
        await uow.events.recordUndelivered(e.data.eventId, new Date(e.occurredAt));
      }),
    ],
  });
}
