import type { Tx } from './db';

/** A practice's numbers, computed in the database (counts and sums only). */
export function dashboardRepository(tx: Tx, tenantId: string) {
  return {
    async numbers() {
      const [row] = await tx.$queryRawUnsafe<
        Array<{
          projects: number;
          accepted_lists: number;
          patients: number;
          open_orders: number;
          letters_mailed: number;
          delivered: number;
          returned: number;
          invoiced_cents: number;
        }>
      >(
        `SELECT
           (SELECT count(*)::int FROM project WHERE tenant_id = $1::uuid) AS projects,
           (SELECT count(*)::int FROM patient_list WHERE tenant_id = $1::uuid AND status = 'accepted') AS accepted_lists,
           (SELECT COALESCE(sum(valid_rows), 0)::int FROM patient_list WHERE tenant_id = $1::uuid AND status = 'accepted') AS patients,
           (SELECT count(*)::int FROM orders WHERE tenant_id = $1::uuid AND status NOT IN ('completed', 'cancelled', 'failed')) AS open_orders,
           (SELECT count(*)::int FROM mail_piece WHERE tenant_id = $1::uuid) AS letters_mailed,
           (SELECT count(*)::int FROM mail_piece WHERE tenant_id = $1::uuid AND status = 'delivered') AS delivered,
           (SELECT count(*)::int FROM mail_piece WHERE tenant_id = $1::uuid AND status = 'returned_to_sender') AS returned,
           (SELECT COALESCE(sum(total_cents), 0)::int FROM invoice WHERE tenant_id = $1::uuid) AS invoiced_cents`,
        tenantId,
      );
      const byStatus = await tx.order.groupBy({ by: ['status'], where: { tenantId }, _count: { _all: true } });
      return { ...row!, ordersByStatus: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) };
    },
  };
}
