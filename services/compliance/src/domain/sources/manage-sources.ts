import { NotFound, ValidationFailed } from '@plh/service-kit';
import type { SourceRecord, SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';

export const listSources = (deps: Pick<ComplianceDeps, 'systemWork'>): Promise<SourceRecord[]> =>
  deps.systemWork(({ sources }) => sources.list());

export async function getSync(deps: Pick<ComplianceDeps, 'systemWork'>, syncId: string): Promise<SyncRecord> {
  const sync = await deps.systemWork(({ sources }) => sources.findSync(syncId));
  if (!sync) throw new NotFound('No such sync.');
  return sync;
}

/**
 * Ops change how a source is read: its config (a `baseUrl` on an allowed host), its interval, on/off.
 * A new base URL forgets the conditional-GET validators (the next sync reads the file in full). Audited.
 */
export async function updateSource(
  deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>,
  name: string,
  changes: { config?: Record<string, unknown>; pollIntervalMinutes?: number; isActive?: boolean },
  actorId: string,
): Promise<SourceRecord> {
  if (changes.config && 'baseUrl' in changes.config) {
    const url = changes.config.baseUrl;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url))
      throw new ValidationFailed([{ pointer: '/body/config/baseUrl', message: 'must be an http(s) URL' }]);
    if (!deps.sources.allowedHost(url))
      throw new ValidationFailed([
        { pointer: '/body/config/baseUrl', message: 'is not on a host sources may be read from (SOURCE_HOSTS)' },
      ]);
  }
  return deps.systemWork(async ({ sources, audit }) => {
    const before = await sources.lock(name);
    if (!before) throw new NotFound('No such compliance source.');
    const config = changes.config ? { ...before.config, ...changes.config } : undefined;
    const moved = config !== undefined && config.baseUrl !== before.config.baseUrl;
    const after = await sources.update(name, {
      ...(config ? { config } : {}),
      ...(changes.pollIntervalMinutes !== undefined ? { pollIntervalMinutes: changes.pollIntervalMinutes } : {}),
      ...(changes.isActive !== undefined ? { isActive: changes.isActive } : {}),
      ...(moved ? { etag: null, lastModified: null } : {}),
      updatedBy: actorId,
    });
    await audit.record({
      tenantId: null,
      action: 'compliance-source.update',
      resource: { type: 'compliance-source', id: name },
      changes: [
        ...(moved
          ? [{ field: 'config.baseUrl', from: String(before.config.baseUrl), to: String(config!.baseUrl) }]
          : []),
        ...(after.pollIntervalMinutes !== before.pollIntervalMinutes
          ? [{ field: 'pollIntervalMinutes', from: before.pollIntervalMinutes, to: after.pollIntervalMinutes }]
          : []),
        ...(after.isActive !== before.isActive
          ? [{ field: 'isActive', from: before.isActive, to: after.isActive }]
          : []),
      ],
    });
    return after;
  });
}
