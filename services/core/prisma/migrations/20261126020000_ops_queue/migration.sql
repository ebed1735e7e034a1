-- The ops queue spans every practice, but the runtime role only ever sees one tenant (RLS). These
-- functions (owned by the migrator, which owns the tables and so is not bound by their policies)
-- return order summaries across tenants: ids, numbers, statuses, counts and money, never PHI.
CREATE FUNCTION ops_order_queue(p_status TEXT, p_tenant UUID, p_limit INTEGER)
RETURNS TABLE (id UUID, tenant_id UUID, number INTEGER, status TEXT, project_id UUID, recipients INTEGER,
               total_cents INTEGER, created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = core, pg_temp AS $$
  SELECT o.id, o.tenant_id, o.number, o.status, o.project_id, q.recipients, q.total_cents, o.created_at, o.updated_at
    FROM orders o JOIN quote q ON q.id = o.quote_id
   WHERE (p_status IS NULL OR o.status = p_status)
     AND (p_tenant IS NULL OR o.tenant_id = p_tenant)
   ORDER BY o.updated_at ASC
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 500)
$$;

CREATE FUNCTION ops_order_counts()
RETURNS TABLE (status TEXT, orders BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = core, pg_temp AS $$
  SELECT status, count(*) FROM orders GROUP BY status
$$;
