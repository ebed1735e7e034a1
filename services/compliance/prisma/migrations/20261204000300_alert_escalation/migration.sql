-- Alerts a practice did not acknowledge in time escalate to ops. The escalation job and the ops list
-- read across practices: two SECURITY DEFINER functions (owned by the migrator, which RLS does not
-- bind) answer ids and types only; each escalation is then written in its practice's transaction.

-- Critical and high events still waiting for someone, by how long they have waited.
CREATE INDEX compliance_event_unacknowledged_idx ON compliance_event (updated_at)
  WHERE status = 'active' AND priority IN ('critical', 'high') AND event_type <> 'alert_escalated';

-- Events raised (or raised again) before p_raised_before, still active, not escalated yet.
CREATE FUNCTION alerts_to_escalate(p_raised_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
  SELECT e.tenant_id, e.id
    FROM compliance_event e
   WHERE e.status = 'active' AND e.priority IN ('critical', 'high') AND e.event_type <> 'alert_escalated'
     AND e.updated_at < p_raised_before
     AND NOT EXISTS (SELECT 1 FROM compliance_event x
                      WHERE x.tenant_id = e.tenant_id AND x.dedupe_key = 'alert_escalated:' || e.id::text)
   ORDER BY e.updated_at
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;

-- The escalations not resolved yet, oldest first: what ops have to chase.
CREATE FUNCTION open_escalations(p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, id UUID, escalated_event_id TEXT, event_type TEXT, priority TEXT, source TEXT,
               provider_id UUID, escalated_at TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
  SELECT x.tenant_id, x.id, x.metadata->>'escalatedEventId', x.metadata->>'eventType', x.priority, x.source,
         x.provider_id, x.created_at
    FROM compliance_event x
   WHERE x.event_type = 'alert_escalated' AND x.status <> 'resolved'
   ORDER BY x.created_at
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;
