import type { PracticePage, RosterPage, RosterProviderView } from '@plh/contracts';
import { decodeCursor, encodeCursor, ValidationFailed } from '@plh/service-kit';
import type { TenantDeps } from '../deps';
import { toProviderView } from './provider';

/**
 * Every active practice's roster for the compliance service's screening, a page at a time in id order.
 * Clinicians' names, NPIs and dates of birth leave the tenant service here; the read is audited.
 */
export async function rosterPage(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  query: { cursor?: string; limit: number },
): Promise<RosterPage> {
  const after = query.cursor ? decodeCursor('roster', query.cursor)[0] : null;
  if (query.cursor && !/^[0-9a-f-]{36}$/.test(after ?? ''))
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  const rows = await deps.unitOfWork.system(async ({ roster, audit }) => {
    const page = await roster.page(after ?? null, query.limit + 1);
    await audit.record({ tenantId: null, action: 'roster.read-for-screening', resource: { type: 'roster', id: null } });
    return page;
  });
  const items = rows.slice(0, query.limit);
  return { items, next: rows.length > query.limit ? encodeCursor('roster', [items.at(-1)!.id]) : null };
}

/** One practice's roster for screening (after a roster change); audited like the whole roster. */
export async function practiceRoster(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantId: string,
): Promise<RosterProviderView[]> {
  return deps.unitOfWork.run(tenantId, async ({ providers, audit }) => {
    const rows = await providers.list();
    await audit.record({ action: 'roster.read-for-screening', resource: { type: 'roster', id: tenantId } });
    return rows.map((row) => {
      // The roster view is the provider's, less what screening has no use for.
      const { specialty: _specialty, createdAt: _created, updatedAt: _updated, ...view } = toProviderView(row);
      return { ...view, tenantId, middleName: view.middleName };
    });
  });
}

/** The active practices (ids only), a page at a time in id order: who the compliance bulletins go to. */
export async function practicePage(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  query: { cursor?: string; limit: number },
): Promise<PracticePage> {
  const after = query.cursor ? decodeCursor('practices', query.cursor)[0] : null;
  if (query.cursor && !/^[0-9a-f-]{36}$/.test(after ?? ''))
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  const ids = await deps.unitOfWork.system(({ roster }) => roster.practices(after ?? null, query.limit + 1));
  const items = ids.slice(0, query.limit).map((tenantId) => ({ tenantId }));
  return { items, next: ids.length > query.limit ? encodeCursor('practices', [items.at(-1)!.tenantId]) : null };
}

/** The rosters of many practices (a screening batch's) in one read, audited like the whole roster. */
export async function practicesRosters(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantIds: readonly string[],
): Promise<RosterProviderView[]> {
  return deps.unitOfWork.system(async ({ roster, audit }) => {
    const rows = await roster.ofPractices(tenantIds);
    await audit.record({ tenantId: null, action: 'roster.read-for-screening', resource: { type: 'roster', id: null } });
    return rows;
  });
}
