-- A notice is what is to be told (a topic, its values, the event that caused it), recorded in the
-- transaction of that event (or of the delivery that disabled an endpoint) with a job that works out
-- its messages: whom to tell is read from the tenant service by that job, outside any transaction, so
-- a slow or absent tenant service never holds a transaction open nor loses a notice.
CREATE TABLE notice (
  id                   UUID PRIMARY KEY,
  tenant_id            UUID NOT NULL,
  event_id             UUID NOT NULL,
  topic                TEXT NOT NULL,
  user_id              UUID,
  "values"             JSONB NOT NULL,
  secret_values        JSONB,
  critical             BOOLEAN NOT NULL DEFAULT false,
  source_available_at  TIMESTAMPTZ(6),
  occurred_at          TIMESTAMPTZ(6) NOT NULL,
  requested_by         TEXT NOT NULL,
  planned_at           TIMESTAMPTZ(6),
  created_at           TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notice_event_topic_idx ON notice (event_id, topic);
ALTER TABLE notice ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notice
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The SLA runs from the source data becoming available (the alert's own time when the source gave
-- none): an alert raised late is escalated when the SLA is breached, not 15 minutes after its raising.
CREATE OR REPLACE FUNCTION undelivered_alerts(p_raised_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, alert_event_id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = notification, pg_temp AS $$
  SELECT a.tenant_id, a.alert_event_id
    FROM alert_delivery a
   WHERE a.first_delivered_at IS NULL AND a.escalated_at IS NULL AND a.priority = 'critical'
     AND COALESCE(a.source_available_at, a.raised_at) < p_raised_before
   ORDER BY COALESCE(a.source_available_at, a.raised_at)
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;
