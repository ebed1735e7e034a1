import { handle, type Schedule } from '@plh/jobs';
import type { NotificationDeps } from '../domain/deps';
import { EscalateUndeliveredAlerts, escalateUndeliveredAlerts } from '../domain/alerts/escalate-undelivered';

export const escalationSchedule = (cron: string): Schedule => ({
  name: 'notification.escalate-undelivered-alerts',
  cron,
  job: EscalateUndeliveredAlerts,
  payload: {},
});

export function escalateHandler(deps: NotificationDeps, log: { warn(o: object, m: string): void }) {
  return handle(EscalateUndeliveredAlerts, async () => {
    const escalated = await escalateUndeliveredAlerts(deps);
    if (escalated) log.warn({ escalated }, 'notification: critical compliance alerts reached nobody in time; ops told');
  });
}
