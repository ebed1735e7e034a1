import type { Tx } from './db';

interface RosterRow {
  id: string;
  tenant_id: string;
  npi: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  date_of_birth: string;
  license_state: string;
  license_number: string;
}

/** Every active practice's roster, a page at a time (the `roster_page` SECURITY DEFINER function). */
export function rosterSystemRepository(tx: Tx) {
  return {
    /** The active practices' ids after `afterId`, in id order. */
    async practices(afterId: string | null, limit: number): Promise<string[]> {
      const rows = await tx.tenant.findMany({
        where: { status: 'active', ...(afterId ? { id: { gt: afterId } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map((r) => r.id);
    },
    async page(afterId: string | null, limit: number) {
      return toViews(
        await tx.$queryRawUnsafe<RosterRow[]>(`SELECT ${COLUMNS} FROM roster_page($1::uuid, $2::int)`, afterId, limit),
      );
    },
    /** The rosters of these practices (active ones; at most 200), by practice and provider id. */
    async ofPractices(tenantIds: readonly string[]) {
      return toViews(
        await tx.$queryRawUnsafe<RosterRow[]>(`SELECT ${COLUMNS} FROM rosters_of($1::uuid[])`, [...tenantIds]),
      );
    },
  };
}

const COLUMNS = `id::text, tenant_id::text, npi, first_name, middle_name, last_name,
  to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, license_state, license_number`;

function toViews(rows: RosterRow[]) {
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    npi: r.npi,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    licenseState: r.license_state,
    licenseNumber: r.license_number,
  }));
}
