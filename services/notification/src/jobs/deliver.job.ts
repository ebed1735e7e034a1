import { handle } from '@plh/jobs';
import type { NotificationDeps } from '../domain/deps';
import { deliverMessages } from '../domain/delivery/deliver-message';
import { DeliverMessages } from '../domain/delivery/deliver-message.job-def';

export function deliverMessageHandler(deps: NotificationDeps, concurrency: number) {
  return handle(
    DeliverMessages,
    async (job) => {
      if (!job.tenantId) throw new Error('a message was queued without a practice');
      await deliverMessages(deps, job.tenantId, job.payload.messages);
    },
    // Each delivery waits on a provider or a partner's server, not on this process's CPU.
    { concurrency, leaseSec: 120 },
  );
}
