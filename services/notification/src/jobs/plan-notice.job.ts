import { handle } from '@plh/jobs';
import type { NotificationDeps } from '../domain/deps';
import { PlanNotice, planNotice } from '../domain/messages/plan-notice';

export function planNoticeHandler(deps: NotificationDeps) {
  return handle(
    PlanNotice,
    async (job) => {
      if (!job.tenantId) throw new Error('a notice was queued without a practice');
      await planNotice(deps, job.tenantId, job.payload.noticeId);
    },
    // Waits on the tenant service's directory, not on this process's CPU.
    { concurrency: 8 },
  );
}
