import type { TenantDeps } from '../deps';

export interface PracticeSummary {
  id: string;
  name: string;
  orgNpi: string | null;
  timezone: string;
  status: 'active' | 'suspended';
  createdAt: string;
}

export interface ListPracticesQuery {
  /** Part of the name (any case) or the start of the organisation NPI. */
  search?: string;
  status?: 'active' | 'suspended';
  limit: number;
  offset: number;
}

/** The ops console's list of practices (newest first), with the total for paging. */
export async function listPractices(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  query: ListPracticesQuery,
): Promise<{ items: PracticeSummary[]; total: number }> {
  const [rows, total] = await deps.unitOfWork.system(({ identity }) =>
    identity.practices({ ...query, ...(query.search ? { search: query.search.trim() } : {}) }),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      orgNpi: row.orgNpi,
      timezone: row.timezone,
      // A CHECK constraint holds the status to these two.
      status: row.status as PracticeSummary['status'],
      createdAt: row.createdAt.toISOString(),
    })),
    total,
  };
}
