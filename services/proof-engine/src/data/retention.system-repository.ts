import type { Tx } from './db';

/**
 * SYSTEM ACCESS (across tenants, outside row-level security): which production jobs' files are due
 * for deletion, through the SECURITY DEFINER function of migration 20261201000200_production_retention.
 * Ids only.
 */
export function retentionSystemRepository(db: Tx) {
  return {
    async dueProductionJobs(mailedBefore: Date, limit: number): Promise<Array<{ tenantId: string; jobId: string }>> {
      const rows = await db.$queryRawUnsafe<Array<{ tenant_id: string; job_id: string }>>(
        'SELECT tenant_id::text, job_id::text FROM retention_due_production_jobs($1::timestamptz, $2::int)',
        mailedBefore.toISOString(),
        limit,
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, jobId: r.job_id }));
    },
  };
}
