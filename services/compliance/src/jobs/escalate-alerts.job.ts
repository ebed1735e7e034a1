import { handle, type Schedule } from '@plh/jobs';
import type { ComplianceDeps } from '../domain/deps';
import { EscalateAlerts, escalateAlerts } from '../domain/events/escalate-alerts';

export const escalationSchedule = (cron: string): Schedule => ({
  name: 'compliance.escalate-alerts',
  cron,
  job: EscalateAlerts,
  payload: {},
});

export function escalateAlertsHandler(
  deps: Pick<ComplianceDeps, 'systemWork' | 'unitOfWork'>,
  afterMinutes: number,
  log: { warn(o: object, m: string): void },
) {
  return handle(EscalateAlerts, async () => {
    const escalated = await escalateAlerts(deps, { afterMinutes });
    if (escalated) log.warn({ escalated, afterMinutes }, 'compliance: unacknowledged alerts escalated to ops');
  });
}
