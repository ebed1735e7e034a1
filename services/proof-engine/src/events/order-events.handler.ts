import { randomUUID } from 'node:crypto';
import { OrderApproved, OrderPlaced, OrderStatusChanged } from '@plh/contracts';
import { on, type Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { ProofUnitOfWork, UnitOfWork } from '../data/unit-of-work';
import type { Worker } from '../domain/worker';

/**
 * `plh.core.order.placed` queues the order's proof, and so does a rejected proof (proof_ready →
 * proof_pending); `plh.core.order.approved` queues its production file; a cancellation fails the
 * order's queued jobs. Each event runs in one transaction with its inbox row (a redelivery does
 * nothing) and at most one live job per order and kind exists. A job whose project has no letter
 * set up fails with that reason, and is retried once the practice has set it up.
 */
export function startOrderConsumer(platform: Platform<PrismaClient>, unitOfWork: ProofUnitOfWork, worker: Worker) {
  const queue = async (uow: UnitOfWork, orderId: string, kind: 'proof' | 'production', eventId: string) => {
    if (await uow.jobs.findLive(orderId, kind)) return;
    await uow.jobs.create({ id: randomUUID(), orderId, kind, requestedBy: `event:${eventId}` });
    // Picked up at the worker's next poll at the latest; the kick usually finds it committed.
    setTimeout(() => worker.kick(), 50).unref();
  };
  return platform.consume({
    name: 'proof-order-events',
    unitOfWork,
    handlers: [
      on(OrderPlaced, (event, uow: UnitOfWork) => queue(uow, event.data.orderId, 'proof', event.id)),
      on(OrderApproved, (event, uow: UnitOfWork) => queue(uow, event.data.orderId, 'production', event.id)),
      on(OrderStatusChanged, async (event, uow: UnitOfWork) => {
        const { orderId, from, to } = event.data;
        if (to === 'cancelled') return void (await uow.jobs.failQueued(orderId, 'The order was cancelled.'));
        // Back to proof_pending from proof_ready is a rejection; ordered → proof_pending is core recording
        // the proof this engine just made (or ops asking for one while the placed order's job runs).
        if (from === 'proof_ready' && to === 'proof_pending') await queue(uow, orderId, 'proof', event.id);
      }),
    ],
  });
}
