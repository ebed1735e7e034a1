import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import type { SecretBox } from '@plh/storage';
import { alertDeliveryRepository } from './alert-delivery.repository';
import type { PrismaClient, Tx } from './db';
import { messageRepository } from './message.repository';
import { noticeRepository } from './notice.repository';
import { platformSystemRepository } from './platform.system-repository';
import { preferenceRepository } from './preference.repository';
import { webhookEndpointRepository } from './webhook-endpoint.repository';

/** One practice's messages, preferences, endpoints and alert clocks, bound to one transaction. */
function notificationRepositories(tx: Tx, tenantId: string, secrets: SecretBox) {
  return {
    notices: noticeRepository(tx, tenantId),
    messages: messageRepository(tx, tenantId),
    preferences: preferenceRepository(tx, tenantId),
    endpoints: webhookEndpointRepository(tx, tenantId, secrets),
    alerts: alertDeliveryRepository(tx, tenantId),
    // Opt-outs are per phone number, platform-wide: read while planning a practice's messages.
    platform: platformSystemRepository(tx),
  };
}

/** `secrets` seals and opens the webhook endpoints' signing secrets (WEBHOOK_SECRET_KEYS). */
export function notificationUnitOfWork(db: PrismaClient, registry: EventRegistry, secrets: SecretBox) {
  return createUnitOfWork({
    db,
    registry,
    service: 'notification',
    repositories: (tx: Tx, tenantId: string) => notificationRepositories(tx, tenantId, secrets),
    systemRepositories: (tx: Tx) => ({ platform: platformSystemRepository(tx) }),
  });
}
export type NotificationUnitOfWork = ReturnType<typeof notificationUnitOfWork>;
/** One transaction's repositories + the platform's outbox, audit log and job queue. */
export type UnitOfWork = UnitOfWorkOf<NotificationUnitOfWork>;
