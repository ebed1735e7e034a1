import { randomUUID } from 'node:crypto';
import { OrderApproved, OrderPlaced } from '@plh/contracts';
import type { Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import type { Tx } from '../data/db';
import { bindUnitOfWork } from '../data/unit-of-work';
import type { Worker } from '../domain/worker';

/**
 * `plh.core.order.placed` queues the order's proof; `plh.core.order.approved` queues its production
 * file. Each event runs in one transaction with its inbox row (a redelivery does nothing) and at most
 * one live job per order and kind exists. A job whose project has no letter set up fails with that
 * reason, and is retried once the practice has set it up.
 */
export function startOrderConsumer(platform: Platform<PrismaClient>, worker: Worker) {
  return platform.consume({
    name: 'proof-order-events',
    types: [OrderPlaced.type, OrderApproved.type],
    handler: async (event, tx) => {
      if (!event.tenantId) return;
      const { orderId } = event.data as { orderId: string };
      const kind = event.type === OrderPlaced.type ? 'proof' : 'production';
      const uow = bindUnitOfWork(tx as Tx, event.tenantId, platform.registry);
      if (await uow.jobs.findLive(orderId, kind)) return;
      await uow.jobs.create({ id: randomUUID(), orderId, kind, requestedBy: `event:${event.id}` });
      // Picked up at the worker's next poll at the latest; the kick usually finds it committed.
      setTimeout(() => worker.kick(), 50).unref();
    },
  });
}
