import { handle } from '@plh/jobs';
import type { NotificationDeps } from '../domain/deps';
import { deliverMessage } from '../domain/delivery/deliver-message';
import { DeliverMessage } from '../domain/delivery/deliver-message.job-def';

export function deliverMessageHandler(deps: NotificationDeps, concurrency: number) {
  return handle(
    DeliverMessage,
    async (job) => {
      if (!job.tenantId) throw new Error('a message was queued without a practice');
      await deliverMessage(deps, job.tenantId, job.payload);
    },
    // Each delivery waits on a provider or a partner's server, not on this process's CPU.
    { concurrency, leaseSec: 120 },
  );
}
