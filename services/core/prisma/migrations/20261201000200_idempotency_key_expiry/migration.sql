-- Idempotency keys are remembered 24 hours (routes/idempotency.ts); the hourly housekeeping job then
-- deletes them, oldest first, through this function.
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

-- SYSTEM ACCESS for housekeeping (every practice, outside row-level security): deletes at most
-- p_limit keys created before p_created_before and answers how many went. Touches nothing else.
CREATE FUNCTION prune_idempotency_keys(p_created_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = core, pg_temp AS $$
DECLARE
  deleted INTEGER;
BEGIN
  DELETE FROM idempotency_key
   WHERE (tenant_id, key) IN (
     SELECT tenant_id, key FROM idempotency_key
      -- Never younger than the 24 hours a key is promised, whatever the caller asks.
      WHERE created_at < LEAST(p_created_before, now() - interval '24 hours')
      ORDER BY created_at
      LIMIT LEAST(GREATEST(COALESCE(p_limit, 1000), 1), 10000));
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END;
$$;
