import { randomUUID } from 'node:crypto';
import { OrderApproved, OrderPlaced, OrderStatusChanged } from '@plh/contracts';
import type { Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { Tx } from '../data/db';
import { bindUnitOfWork } from '../data/unit-of-work';
import type { Worker } from '../domain/worker';

/**
 * `plh.core.order.placed` queues the order's proof, and so does a rejected proof (proof_ready →
 * proof_pending); `plh.core.order.approved` queues its production file;
 * a cancellation fails the order's queued jobs. Each event runs in one transaction with its inbox row (a redelivery does nothing) and at most
 * one live job per order and kind exists. A job whose project has no letter set up fails with that
 * reason, and is retried once the practice has set it up.
 */
export function startOrderConsumer(platform: Platform<PrismaClient>, worker: Worker) {
  return platform.consume({
    name: 'proof-order-events',
    types: [OrderPlaced.type, OrderApproved.type, OrderStatusChanged.type],
    handler: async (event, tx) => {
      if (!event.tenantId) return;
      const { orderId, from, to } = event.data as { orderId: string; from?: string | null; to?: string };
      const uow = bindUnitOfWork(tx as Tx, event.tenantId, platform.registry);
      if (event.type === OrderStatusChanged.type && to === 'cancelled') {
        await uow.jobs.failQueued(orderId, 'The order was cancelled.');
        return;
      }
      // Back to proof_pending from proof_ready is a rejection; ordered → proof_pending is core recording
      // the proof this engine just made (or ops asking for one while the placed order's job runs).
      if (event.type === OrderStatusChanged.type && !(from === 'proof_ready' && to === 'proof_pending')) return;
      const kind = event.type === OrderApproved.type ? 'production' : 'proof';
      if (await uow.jobs.findLive(orderId, kind)) return;
      await uow.jobs.create({ id: randomUUID(), orderId, kind, requestedBy: `event:${event.id}` });
      // Picked up at the worker's next poll at the latest; the kick usually finds it committed.
      setTimeout(() => worker.kick(), 50).unref();
    },
  });
}
