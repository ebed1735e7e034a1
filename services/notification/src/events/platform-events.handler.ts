import {
  ApiKeyCreated,
  ApiKeyRevoked,
  ComplianceAlertEscalated,
  ComplianceAlertRaised,
  InvoiceIssued,
  OrderApproved,
  OrderCancelled,
  OrderStatusChanged,
  PasswordResetRequested,
  UserInvited,
  type EventEnvelope,
} from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { NotificationUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import type { Notice } from '../domain/messages/notice';
import { notices } from '../domain/messages/notices';
import { recordNotice } from '../domain/messages/plan-notice';
import { NIL_UUID } from '../domain/topics';

/**
 * What people and partner systems hear about, from the tenant, core and compliance streams (one
 * durable consumer per stream). Each event's messages are created and queued in the transaction of
 * its inbox row: an event delivered twice makes its messages once. A notification service deployed
 * for the first time starts with what happens from then on (`startWith: 'new'`): it does not email a
 * practice about every order and invitation its streams still hold.
 */
export async function startPlatformConsumers(platform: Platform<PrismaClient>, unitOfWork: NotificationUnitOfWork) {
  const plan = (event: EventEnvelope, notice: Notice | null, uow: UnitOfWork) =>
    notice ? recordNotice(uow, notice, `event:${event.type}`) : Promise.resolve();
  await platform.consume({
    name: 'notification-tenant-events',
    unitOfWork,
    startWith: 'new',
    // An ops user's password reset concerns no practice: its message is kept with the ops team's.
    platformTenantId: NIL_UUID,
    handlers: [
      on(UserInvited, (e, uow: UnitOfWork) => plan(e, notices.invited(e, uow.tenantId), uow)),
      on(PasswordResetRequested, (e, uow: UnitOfWork) => plan(e, notices.passwordReset(e, uow.tenantId), uow)),
      on(ApiKeyCreated, (e, uow: UnitOfWork) => plan(e, notices.apiKeyCreated(e, uow.tenantId), uow)),
      on(ApiKeyRevoked, (e, uow: UnitOfWork) => plan(e, notices.apiKeyRevoked(e, uow.tenantId), uow)),
    ],
  });
  await platform.consume({
    name: 'notification-core-events',
    unitOfWork,
    startWith: 'new',
    handlers: [
      on(OrderStatusChanged, (e, uow: UnitOfWork) => plan(e, notices.orderStatusChanged(e, uow.tenantId), uow)),
      on(OrderApproved, (e, uow: UnitOfWork) => plan(e, notices.orderApproved(e, uow.tenantId), uow)),
      on(OrderCancelled, (e, uow: UnitOfWork) => plan(e, notices.orderCancelled(e, uow.tenantId), uow)),
      on(InvoiceIssued, (e, uow: UnitOfWork) => plan(e, notices.invoiceIssued(e, uow.tenantId), uow)),
    ],
  });
  await platform.consume({
    name: 'notification-compliance-events',
    unitOfWork,
    startWith: 'new',
    handlers: [
      on(ComplianceAlertRaised, async (e, uow: UnitOfWork) => {
        const notice = notices.alertRaised(e, uow.tenantId);
        // The SLA clock of the alert, started with its messages.
        await uow.alerts.start({
          alertEventId: e.id,
          complianceEventId: e.data.eventId,
          priority: e.data.priority,
          sourceAvailableAt: notice.sourceAvailableAt,
          raisedAt: new Date(e.occurredAt),
        });
        await plan(e, notice, uow);
      }),
      on(ComplianceAlertEscalated, (e, uow: UnitOfWork) => plan(e, notices.alertEscalated(e, uow.tenantId), uow)),
    ],
  });
}
