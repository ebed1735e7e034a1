-- The notification service reports when each alert first reached someone (plh.notification.alert.delivered)
-- or that it reached nobody in time (plh.notification.alert.undelivered): the SLA is measured, not assumed.
ALTER TABLE compliance_event
  ADD COLUMN delivered_at TIMESTAMPTZ(6),
  ADD COLUMN delivery_latency_ms INTEGER,
  ADD COLUMN delivery_channel TEXT,
  ADD COLUMN undelivered_escalated_at TIMESTAMPTZ(6);
