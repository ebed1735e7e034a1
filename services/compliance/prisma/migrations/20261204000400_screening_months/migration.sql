-- What each month's screenings of a practice did, per roster provider: the monthly attestation reads
-- it (the current `screening` row only says how things stand now). One row per practice, month and
-- provider, updated by every screening of that month (RLS).
CREATE TABLE screening_month (
  tenant_id          UUID NOT NULL,
  month              TEXT NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  provider_id        UUID NOT NULL,
  provider_name      TEXT NOT NULL,
  npi                TEXT,
  screenings         INTEGER NOT NULL CHECK (screenings > 0),
  first_screened_at  TIMESTAMPTZ(6) NOT NULL,
  last_screened_at   TIMESTAMPTZ(6) NOT NULL,
  -- The last result of the month, and every exclusion status the provider had during it.
  exclusion_status   TEXT NOT NULL,
  statuses_seen      TEXT[] DEFAULT ARRAY[]::TEXT[],
  npi_status         TEXT,
  npi_checked_at     TIMESTAMPTZ(6),
  -- The snapshot versions screened against, by source: {"oig-leie": [3, 4], "pa-medicheck": [2]}.
  versions           JSONB NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, month, provider_id)
);
ALTER TABLE screening_month ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON screening_month
  USING (tenant_id::text = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true));
