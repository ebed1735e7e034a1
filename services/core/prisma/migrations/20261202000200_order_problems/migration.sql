-- A proof or production job that failed shows on its order (issue #12): a timeline entry of kind
-- `problem` with the job's code, list row and job id (the status does not change), and the order's
-- open problem until a proof arrives, the production file is made, or the order moves on. The ops
-- queue shows and filters orders with one.
ALTER TABLE "order_event" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'status';
ALTER TABLE "order_event" ADD CONSTRAINT "order_event_kind_check" CHECK ("kind" IN ('status', 'problem'));
ALTER TABLE "order_event" ADD COLUMN "code" TEXT;
ALTER TABLE "order_event" ADD COLUMN "failed_row" INTEGER;
ALTER TABLE "order_event" ADD COLUMN "job_id" UUID;

ALTER TABLE "orders" ADD COLUMN "problem_code" TEXT;
ALTER TABLE "orders" ADD COLUMN "problem_row" INTEGER;
ALTER TABLE "orders" ADD COLUMN "problem_job_id" UUID;
ALTER TABLE "orders" ADD COLUMN "problem_at" TIMESTAMPTZ(6);

DROP FUNCTION ops_order_queue(TEXT, UUID, INTEGER);
CREATE FUNCTION ops_order_queue(p_status TEXT, p_tenant UUID, p_limit INTEGER, p_problem BOOLEAN)
RETURNS TABLE (id UUID, tenant_id UUID, number INTEGER, status TEXT, project_id UUID, recipients INTEGER,
               total_cents INTEGER, created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ,
               problem_code TEXT, problem_row INTEGER, problem_job_id UUID, problem_at TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = core, pg_temp AS $$
  SELECT o.id, o.tenant_id, o.number, o.status, o.project_id, q.recipients, q.total_cents, o.created_at, o.updated_at,
         o.problem_code, o.problem_row, o.problem_job_id, o.problem_at
    FROM orders o JOIN quote q ON q.id = o.quote_id
   WHERE (p_status IS NULL OR o.status = p_status)
     AND (p_tenant IS NULL OR o.tenant_id = p_tenant)
     AND (p_problem IS NULL OR (o.problem_code IS NOT NULL) = p_problem)
   ORDER BY o.problem_at ASC NULLS LAST, o.updated_at ASC
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 500)
$$;

CREATE FUNCTION ops_order_problem_count()
RETURNS BIGINT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = core, pg_temp AS $$
  SELECT count(*) FROM orders WHERE problem_code IS NOT NULL
$$;
