import type { Tx } from './db';

export interface QueueItem {
  id: string;
  tenantId: string;
  number: number;
  status: string;
  projectId: string;
  recipients: number;
  totalCents: number;
  createdAt: Date;
  updatedAt: Date;
  problemCode: string | null;
  problemRow: number | null;
  problemJobId: string | null;
  problemAt: Date | null;
}

/**
 * SYSTEM ACCESS (across tenants, outside row-level security): the ops queue, through the
 * SECURITY DEFINER functions of migration 20261126020000_ops_queue. Summaries only, never PHI;
 * callers must have checked the caller is ops.
 */
export function opsQueueRepository(db: Tx) {
  return {
    async queue(filter: {
      status?: string;
      tenantId?: string;
      problem?: boolean;
      limit: number;
    }): Promise<QueueItem[]> {
      const rows = await db.$queryRawUnsafe<
        Array<{
          id: string;
          tenant_id: string;
          number: number;
          status: string;
          project_id: string;
          recipients: number;
          total_cents: number;
          created_at: Date;
          updated_at: Date;
          problem_code: string | null;
          problem_row: number | null;
          problem_job_id: string | null;
          problem_at: Date | null;
        }>
      >(
        `SELECT id::text, tenant_id::text, number, status, project_id::text, recipients, total_cents, created_at,
                updated_at, problem_code, problem_row, problem_job_id::text, problem_at
           FROM ops_order_queue($1, $2::uuid, $3, $4)`,
        filter.status ?? null,
        filter.tenantId ?? null,
        filter.limit,
        filter.problem ?? null,
      );
      return rows.map((r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        number: r.number,
        status: r.status,
        projectId: r.project_id,
        recipients: r.recipients,
        totalCents: r.total_cents,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        problemCode: r.problem_code,
        problemRow: r.problem_row,
        problemJobId: r.problem_job_id,
        problemAt: r.problem_at,
      }));
    },
    async problems(): Promise<number> {
      const [row] = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>('SELECT ops_order_problem_count() AS n');
      return Number(row!.n);
    },
    async counts(): Promise<Record<string, number>> {
      const rows = await db.$queryRawUnsafe<Array<{ status: string; orders: bigint | number }>>(
        'SELECT status, orders FROM ops_order_counts()',
      );
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.orders)]));
    },
  };
}
