-- Compliance monitoring: the sources (platform-wide), the LEIE's active set by snapshot version, and
-- each practice's screening results, decisions and compliance events (under RLS).

-- One row per source (the seed's integration_configs): how and how often it is fetched, and what
-- happened last. Platform-wide: no tenant, no RLS (ops manage it; every practice is screened against it).
CREATE TABLE source (
  name                  TEXT PRIMARY KEY CHECK (name ~ '^[a-z0-9-]{2,40}$'),
  config                JSONB NOT NULL DEFAULT '{}',
  poll_interval_minutes INTEGER NOT NULL CHECK (poll_interval_minutes BETWEEN 5 AND 44640),
  is_active             BOOLEAN NOT NULL DEFAULT true,
  snapshot_version      INTEGER NOT NULL DEFAULT 0,
  active_rows           INTEGER NOT NULL DEFAULT 0,
  -- Conditional GET validators of the last file imported (an unchanged file is not imported again).
  etag                  TEXT,
  last_modified         TEXT,
  last_attempt_at       TIMESTAMPTZ(6),
  last_success_at       TIMESTAMPTZ(6),
  last_error_code       TEXT,
  last_error            TEXT CHECK (length(last_error) <= 1000),
  updated_by            TEXT,
  updated_at            TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);

-- One run of a source: scheduled, asked for by ops, or a file uploaded by hand.
CREATE TABLE source_sync (
  id               UUID PRIMARY KEY,
  source           TEXT NOT NULL REFERENCES source (name),
  trigger          TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'upload')),
  state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'unchanged', 'failed')),
  requested_by     TEXT,
  -- When the data became available to us: the SLA clock of the alerts it raises starts here.
  fetched_at       TIMESTAMPTZ(6),
  files            JSONB NOT NULL DEFAULT '[]',
  rows_read        INTEGER NOT NULL DEFAULT 0,
  added            INTEGER NOT NULL DEFAULT 0,
  removed          INTEGER NOT NULL DEFAULT 0,
  snapshot_version INTEGER,
  error_code       TEXT,
  error            TEXT CHECK (length(error) <= 1000),
  created_at       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  started_at       TIMESTAMPTZ(6),
  finished_at      TIMESTAMPTZ(6)
);
CREATE INDEX source_sync_source_created_idx ON source_sync (source, created_at DESC);

-- Each file applied to the LEIE (the full file, then monthly supplements), once per content.
CREATE TABLE leie_file (
  name       TEXT NOT NULL,
  sha256     TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  kind       TEXT NOT NULL CHECK (kind IN ('full', 'exclusions', 'reinstatements')),
  bytes      BIGINT NOT NULL,
  rows       INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  sync_id    UUID NOT NULL,
  applied_at TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (name, sha256)
);

-- Every listing the LEIE ever had, with the snapshot versions it entered and left the active set:
-- the active set of version v is `added_version <= v AND (removed_version IS NULL OR removed_version > v)`,
-- and a version's diff is the rows added or removed at it. Public data (OIG publishes it).
CREATE TABLE leie_listing (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  listing_key        TEXT NOT NULL,
  last_name          TEXT NOT NULL,
  first_name         TEXT NOT NULL,
  middle_name        TEXT NOT NULL,
  business_name      TEXT NOT NULL,
  general            TEXT NOT NULL,
  specialty          TEXT NOT NULL,
  upin               TEXT NOT NULL,
  npi                TEXT,
  date_of_birth      DATE,
  address            TEXT NOT NULL,
  city               TEXT NOT NULL,
  state              TEXT NOT NULL,
  zip                TEXT NOT NULL,
  exclusion_type     TEXT NOT NULL,
  exclusion_date     DATE,
  reinstatement_date DATE,
  waiver_date        DATE,
  waiver_state       TEXT NOT NULL,
  added_version      INTEGER NOT NULL,
  removed_version    INTEGER,
  removed_reason     TEXT CHECK (removed_reason IN ('reinstated', 'absent_from_full')),
  CHECK (removed_version IS NULL OR removed_version > added_version)
);
-- One active listing per identity; screening looks the active set up by NPI and by date of birth.
CREATE UNIQUE INDEX leie_listing_active_key ON leie_listing (listing_key) WHERE removed_version IS NULL;
CREATE INDEX leie_listing_active_npi ON leie_listing (npi) WHERE removed_version IS NULL AND npi IS NOT NULL;
CREATE INDEX leie_listing_active_dob ON leie_listing (date_of_birth) WHERE removed_version IS NULL;
CREATE INDEX leie_listing_added_idx ON leie_listing (added_version);
CREATE INDEX leie_listing_removed_idx ON leie_listing (removed_version) WHERE removed_version IS NOT NULL;

-- Per practice and roster provider: the current result (one row), replaced by each screening.
CREATE TABLE screening (
  tenant_id        UUID NOT NULL,
  provider_id      UUID NOT NULL,
  npi              TEXT,
  provider_name    TEXT NOT NULL,
  exclusion_status TEXT NOT NULL CHECK (exclusion_status IN ('excluded', 'possible_match', 'clear', 'insufficient_data')),
  npi_status       TEXT CHECK (npi_status IN ('active', 'deactivated', 'not_found', 'error')),
  evidence         JSONB NOT NULL DEFAULT '[]',
  snapshot_version INTEGER NOT NULL,
  screened_at      TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, provider_id)
);

-- A person's decision on a possible match: per provider and listing, so a dismissal is not raised again.
CREATE TABLE screening_decision (
  id          UUID PRIMARY KEY,
  tenant_id   UUID NOT NULL,
  provider_id UUID NOT NULL,
  listing_key TEXT NOT NULL,
  decision    TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  decided_by  TEXT NOT NULL,
  decided_at  TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, provider_id, listing_key)
);

-- The seed's compliance_events, per practice. `dedupe_key` makes raising an event idempotent (the same
-- listing for the same provider is one event however often it is screened or delivered).
CREATE TABLE compliance_event (
  id               UUID PRIMARY KEY,
  tenant_id        UUID NOT NULL,
  event_type       TEXT NOT NULL CHECK (event_type IN ('exclusion_match', 'npi_deactivated', 'license_mismatch', 'regulation_change', 'deadline_alert', 'alert_escalated')),
  source           TEXT NOT NULL,
  priority         TEXT NOT NULL CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  title            TEXT NOT NULL CHECK (length(title) <= 300),
  description      TEXT NOT NULL CHECK (length(description) <= 4000),
  effective_date   DATE,
  deadline_date    DATE,
  metadata         JSONB NOT NULL DEFAULT '{}',
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'acknowledged', 'resolved')),
  provider_id      UUID,
  dedupe_key       TEXT NOT NULL,
  -- SLA: from the source data's fetch to the alert's publication (the outbox row's commit).
  source_fetched_at TIMESTAMPTZ(6),
  alert_latency_ms INTEGER,
  acknowledged_at  TIMESTAMPTZ(6),
  acknowledged_by  TEXT,
  resolved_at      TIMESTAMPTZ(6),
  resolved_by      TEXT,
  resolution       TEXT CHECK (length(resolution) <= 2000),
  created_at       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX compliance_event_list_idx ON compliance_event (tenant_id, created_at DESC, id DESC);

ALTER TABLE screening ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON screening
  USING (tenant_id::text = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
ALTER TABLE screening_decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON screening_decision
  USING (tenant_id::text = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
ALTER TABLE compliance_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON compliance_event
  USING (tenant_id::text = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));

-- The OIG LEIE, checked daily at its published location (OIG updates it monthly; a conditional GET
-- makes an unchanged day cost one request).
INSERT INTO source (name, config, poll_interval_minutes)
VALUES ('oig-leie', '{"baseUrl": "https://oig.hhs.gov/exclusions/downloadables/"}', 1440);
