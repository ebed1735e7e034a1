-- Retention of production files: kept 90 days after the order was mailed (PRODUCTION_RETENTION_DAYS),
-- then the batch PDFs and the manifest are deleted; the job row keeps its hashes and counts as the
-- record of what was printed.
ALTER TABLE job ADD COLUMN mailed_at TIMESTAMPTZ(6);
ALTER TABLE job ADD COLUMN files_deleted_at TIMESTAMPTZ(6);

-- SYSTEM ACCESS for the retention sweep (runs for every practice, outside row-level security): the
-- finished production jobs whose files still exist and whose clock ran out, ids only. The clock is the
-- mailing date, or the job's own end when it never heard of one (the order was cancelled or failed in
-- production, or the job finished after the order was marked mailed): no print file stays for ever.
-- The sweep then works inside each job's practice.
CREATE FUNCTION retention_due_production_jobs(p_mailed_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, job_id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = proof, pg_temp AS $$
  SELECT j.tenant_id, j.id
    FROM job j
   WHERE j.kind = 'production' AND j.state = 'done' AND j.files_deleted_at IS NULL
     AND COALESCE(j.mailed_at, j.finished_at) < p_mailed_before
   ORDER BY COALESCE(j.mailed_at, j.finished_at)
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;
