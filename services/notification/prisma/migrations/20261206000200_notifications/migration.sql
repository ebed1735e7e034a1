-- Notifications: what each practice's people hear about and how, the partner systems' webhook
-- endpoints, every message and every attempt to deliver it, and the compliance alerts' SLA clock.
-- Practice rows are under row-level security by uuid (the nil UUID holds the ops team's messages).

-- Per practice (user_id = nil UUID: the practice's default for everyone) or per user: the channels a
-- topic (`order.approved`, `compliance.alert`, …) is delivered on. No row: the topic's default.
CREATE TABLE preference (
  tenant_id   UUID NOT NULL,
  user_id     UUID NOT NULL,
  topic       TEXT NOT NULL,
  channels    TEXT[],
  updated_at  TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  updated_by  UUID NOT NULL,
  PRIMARY KEY (tenant_id, user_id, topic),
  -- Prisma's lists are nullable columns: NOT NULL is held by the check.
  CONSTRAINT preference_channels_check CHECK (channels IS NOT NULL AND channels <@ ARRAY['email', 'sms']::text[])
);

-- One user's phone for SMS and quiet hours (minutes after local midnight, in their time zone): messages
-- that are not critical wait until the quiet hours end.
CREATE TABLE recipient_setting (
  tenant_id    UUID NOT NULL,
  user_id      UUID NOT NULL,
  phone        TEXT,
  quiet_start  SMALLINT,
  quiet_end    SMALLINT,
  time_zone    TEXT NOT NULL DEFAULT 'America/New_York',
  updated_at   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  CONSTRAINT recipient_setting_phone_check CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
  CONSTRAINT recipient_setting_quiet_check CHECK (
    (quiet_start IS NULL) = (quiet_end IS NULL)
    AND (quiet_start IS NULL OR (quiet_start BETWEEN 0 AND 1439 AND quiet_end BETWEEN 0 AND 1439))
  )
);

-- A partner system's endpoint (Standard Webhooks). `secret` signs every delivery; after a rotation the
-- previous secret signs too until `previous_secret_until`, so the partner can switch without a gap.
-- An endpoint failing since more than the configured days is disabled and its owners are told.
CREATE TABLE webhook_endpoint (
  id                     UUID PRIMARY KEY,
  tenant_id              UUID NOT NULL,
  url                    TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  topics                 TEXT[] CHECK (topics IS NOT NULL),
  secret                 TEXT NOT NULL,
  previous_secret        TEXT,
  previous_secret_until  TIMESTAMPTZ(6),
  disabled_at            TIMESTAMPTZ(6),
  disabled_reason        TEXT,
  failing_since          TIMESTAMPTZ(6),
  created_by             UUID NOT NULL,
  created_at             TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  updated_at             TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoint_tenant_idx ON webhook_endpoint (tenant_id, created_at);

-- One message to one recipient on one channel. A message caused by an event exists once per
-- (event, recipient, channel) however often the event is delivered. `content` holds the template's
-- values (ids, links; never PHI) or the webhook payload; `secret_values` what may not outlive delivery
-- (an invitation's one-time link), cleared once the message is delivered or failed for good.
CREATE TABLE message (
  id                   UUID PRIMARY KEY,
  tenant_id            UUID NOT NULL,
  channel              TEXT NOT NULL,
  topic                TEXT NOT NULL,
  event_id             UUID,
  recipient            TEXT NOT NULL,
  to_address           TEXT,
  endpoint_id          UUID REFERENCES webhook_endpoint (id) ON UPDATE CASCADE ON DELETE SET NULL,
  critical             BOOLEAN NOT NULL DEFAULT false,
  content              JSONB NOT NULL,
  secret_values        JSONB,
  status               TEXT NOT NULL DEFAULT 'queued',
  attempts             INTEGER NOT NULL DEFAULT 0,
  next_attempt_at      TIMESTAMPTZ(6),
  provider             TEXT,
  provider_message_id  TEXT,
  last_error           TEXT,
  requested_by         TEXT NOT NULL,
  source_available_at  TIMESTAMPTZ(6),
  created_at           TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  sent_at              TIMESTAMPTZ(6),
  delivered_at         TIMESTAMPTZ(6),
  updated_at           TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT message_channel_check CHECK (channel IN ('email', 'sms', 'webhook')),
  CONSTRAINT message_status_check CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'suppressed'))
);
-- NULLs are distinct: messages sent through the API (no event) are never folded together.
CREATE UNIQUE INDEX message_once_idx ON message (event_id, recipient, channel);
CREATE INDEX message_tenant_created_idx ON message (tenant_id, created_at DESC, id);
CREATE INDEX message_endpoint_created_idx ON message (endpoint_id, created_at);

-- Every attempt: channel, provider, its answer, how long it took.
CREATE TABLE delivery_attempt (
  id                   UUID PRIMARY KEY,
  tenant_id            UUID NOT NULL,
  message_id           UUID NOT NULL REFERENCES message (id) ON UPDATE CASCADE ON DELETE CASCADE,
  attempt              INTEGER NOT NULL,
  provider             TEXT NOT NULL,
  succeeded            BOOLEAN NOT NULL,
  status_code          INTEGER,
  latency_ms           INTEGER NOT NULL,
  provider_message_id  TEXT,
  error                TEXT,
  response_excerpt     TEXT,
  attempted_at         TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE INDEX delivery_attempt_message_idx ON delivery_attempt (message_id, attempted_at);

-- A compliance alert's clock: from the source data becoming available to the first delivery of any of
-- its messages. Reported back to compliance once; escalated to ops when nothing was delivered in time.
CREATE TABLE alert_delivery (
  tenant_id            UUID NOT NULL,
  alert_event_id       UUID NOT NULL,
  compliance_event_id  UUID NOT NULL,
  priority             TEXT NOT NULL,
  source_available_at  TIMESTAMPTZ(6),
  raised_at            TIMESTAMPTZ(6) NOT NULL,
  first_delivered_at   TIMESTAMPTZ(6),
  first_channel        TEXT,
  escalated_at         TIMESTAMPTZ(6),
  PRIMARY KEY (tenant_id, alert_event_id)
);

-- Numbers that texted STOP (to any of our numbers): no SMS until they text START. Platform-wide, as
-- carriers keep opt-outs per number; no row-level security (a number is not a practice's).
CREATE TABLE sms_opt_out (
  phone         TEXT PRIMARY KEY,
  opted_out_at  TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);

ALTER TABLE preference ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON preference
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE recipient_setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON recipient_setting
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE webhook_endpoint ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoint
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE message ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE delivery_attempt ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON delivery_attempt
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE alert_delivery ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_delivery
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Critical alerts no one has received since before `p_raised_before`, across practices (the
-- escalation job): ids only.
CREATE FUNCTION undelivered_alerts(p_raised_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, alert_event_id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = notification, pg_temp AS $$
  SELECT a.tenant_id, a.alert_event_id
    FROM alert_delivery a
   WHERE a.first_delivered_at IS NULL AND a.escalated_at IS NULL AND a.priority = 'critical'
     AND a.raised_at < p_raised_before
   ORDER BY a.raised_at
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;

-- The practice a message belongs to, for the send API's status route (ops and services know only the
-- message id): the id in, the practice out, nothing else.
CREATE FUNCTION message_tenant(p_id UUID)
RETURNS UUID
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = notification, pg_temp AS $$
  SELECT m.tenant_id FROM message m WHERE m.id = p_id
$$;
