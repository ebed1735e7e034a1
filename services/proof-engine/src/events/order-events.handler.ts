import { OrderApproved, OrderPlaced, OrderStatusChanged } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { ProofUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import { queueJob } from '../domain/jobs';

/**
 * `plh.core.order.placed` queues the order's proof, and so does a rejected proof (proof_ready →
 * proof_pending); `plh.core.order.approved` queues its production file; a cancellation fails the
 * order's queued jobs, and mailing starts its production files' retention clock. Each event runs in one transaction with its inbox row (a redelivery does
 * nothing) and at most one live job per order and kind exists. A job whose project has no letter
 * set up fails with that reason, and is retried once the practice has set it up.
 */
export function startOrderConsumer(platform: Platform<PrismaClient>, unitOfWork: ProofUnitOfWork) {
  const queue = (uow: UnitOfWork, orderId: string, kind: 'proof' | 'production', eventId: string) =>
    queueJob(uow, { orderId, kind, requestedBy: `event:${eventId}` });
  return platform.consume({
    name: 'proof-order-events',
    unitOfWork,
    handlers: [
      on(OrderPlaced, async (event, uow: UnitOfWork) => void (await queue(uow, event.data.orderId, 'proof', event.id))),
      on(OrderApproved, async (event, uow: UnitOfWork) => {
        await queue(uow, event.data.orderId, 'production', event.id);
      }),
      on(OrderStatusChanged, async (event, uow: UnitOfWork) => {
        const { orderId, from, to } = event.data;
        if (to === 'cancelled') return void (await uow.jobs.failQueued(orderId, 'The order was cancelled.'));
        // Mailed: the production files' retention clock starts (PRODUCTION_RETENTION_DAYS).
        if (to === 'mailed') return void (await uow.jobs.markMailed(orderId, new Date(event.occurredAt)));
        // Back to proof_pending from proof_ready is a rejection; ordered → proof_pending is core recording
        // the proof this engine just made (or ops asking for one while the placed order's job runs).
        if (from === 'proof_ready' && to === 'proof_pending') await queue(uow, orderId, 'proof', event.id);
      }),
    ],
  });
}
