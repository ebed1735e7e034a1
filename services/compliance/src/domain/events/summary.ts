import type { ComplianceDeps } from '../deps';

/** The dashboard widget: events by status and priority, the last screening, and each source's freshness. */
export async function complianceSummary(deps: Pick<ComplianceDeps, 'unitOfWork' | 'systemWork'>, tenantId: string) {
  const [practice, sources] = await Promise.all([
    deps.unitOfWork(tenantId, async (uow) => {
      const screenings = await uow.screenings.list();
      return {
        counts: await uow.events.counts(),
        lastScreenedAt: screenings.reduce<Date | null>((a, s) => (!a || s.screenedAt > a ? s.screenedAt : a), null),
        providers: screenings.length,
        byStatus: screenings.reduce<Record<string, number>>(
          (acc, s) => ({ ...acc, [s.exclusionStatus]: (acc[s.exclusionStatus] ?? 0) + 1 }),
          {},
        ),
      };
    }),
    deps.systemWork(({ sources }) => sources.list()),
  ]);
  const count = (status?: string, priority?: string) =>
    practice.counts
      .filter((c) => (!status || c.status === status) && (!priority || c.priority === priority))
      .reduce((n, c) => n + c.count, 0);
  return {
    events: {
      active: count('active'),
      acknowledged: count('acknowledged'),
      resolved: count('resolved'),
      openCritical: count('active', 'critical') + count('acknowledged', 'critical'),
      openHigh: count('active', 'high') + count('acknowledged', 'high'),
    },
    screening: { providers: practice.providers, byStatus: practice.byStatus, lastScreenedAt: practice.lastScreenedAt },
    sources: sources.map((s) => ({
      name: s.name,
      isActive: s.isActive,
      lastSuccessAt: s.lastSuccessAt,
      lastAttemptAt: s.lastAttemptAt,
      lastErrorCode: s.lastErrorCode,
      snapshotVersion: s.snapshotVersion,
    })),
  };
}
