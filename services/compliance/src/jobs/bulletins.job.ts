import { handle, type Schedule } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import {
  FEDERAL_REGISTER_SOURCE,
  PracticeBulletins,
  queuePracticeBulletins,
  raiseBulletins,
  ShareBulletins,
  type BulletinWindow,
} from '../domain/federal-register/practice-bulletins';

/** Once a day every practice's bulletins are brought up to date: deadlines come closer as days pass. */
export const bulletinsSchedule = (cron: string): Schedule => ({
  name: 'compliance.share-bulletins',
  cron,
  job: ShareBulletins,
  payload: {},
});

export function shareBulletinsHandler(
  deps: Pick<ComplianceDeps, 'systemWork' | 'rosters'>,
  log: { info(o: object, m: string): void },
) {
  return handle(ShareBulletins, async () => {
    const practices = await queuePracticeBulletins(deps);
    log.info({ practices }, 'compliance: practice bulletins queued');
  });
}

export function practiceBulletinsHandler(deps: Pick<ComplianceDeps, 'systemWork' | 'unitOfWork'>) {
  return handle(
    PracticeBulletins,
    async (job) => {
      if (!job.tenantId) throw new Error('practice bulletins were queued without a practice');
      const window = await deps.systemWork(async ({ sources }) =>
        windowOf((await sources.find(FEDERAL_REGISTER_SOURCE))?.config ?? {}),
      );
      await deps.unitOfWork(job.tenantId, (uow) => raiseBulletins(uow, window));
    },
    { concurrency: 4 },
  );
}

function windowOf(config: Record<string, unknown>): BulletinWindow {
  const days = (key: string, fallback: number) => {
    const v = Number(config[key]);
    return Number.isInteger(v) && v >= 0 && v <= 366 ? v : fallback;
  };
  return { sinceDays: days('sinceDays', 30), deadlineWarningDays: days('deadlineWarningDays', 30) };
}
