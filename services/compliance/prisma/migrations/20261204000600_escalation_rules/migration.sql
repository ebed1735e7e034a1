-- Escalation, revised: an alert that comes back after its escalation was settled (a reinstated listing
-- excluded again) escalates again; bulletins and deadline alerts go to every practice and are not
-- chased by ops one practice at a time.
CREATE OR REPLACE FUNCTION alerts_to_escalate(p_raised_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
  SELECT e.tenant_id, e.id
    FROM compliance_event e
   WHERE e.status = 'active' AND e.priority IN ('critical', 'high')
     AND e.event_type NOT IN ('alert_escalated', 'regulation_change', 'deadline_alert')
     AND e.updated_at < p_raised_before
     AND NOT EXISTS (SELECT 1 FROM compliance_event x
                      WHERE x.tenant_id = e.tenant_id AND x.dedupe_key = 'alert_escalated:' || e.id::text
                        AND x.status <> 'resolved')
   ORDER BY e.updated_at
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;
