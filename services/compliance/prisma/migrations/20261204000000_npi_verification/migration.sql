-- CMS NPPES: what the NPI Registry last answered for each NPI on a roster. Public registry data
-- (clinicians' names, taxonomies, licences), platform-wide like the LEIE: no tenant, no RLS.
CREATE TABLE npi_verification (
  npi               TEXT PRIMARY KEY CHECK (npi ~ '^[0-9]{10}$'),
  -- `error`: the last lookup failed (an `Errors` answer, a 5xx, a timeout): never read as verified.
  status            TEXT NOT NULL CHECK (status IN ('active', 'deactivated', 'not_found', 'error')),
  enumeration_type  TEXT,
  first_name        TEXT,
  middle_name       TEXT,
  last_name         TEXT,
  organization_name TEXT,
  -- [{code, desc, state, license, primary}] as the registry lists them.
  taxonomies        JSONB NOT NULL DEFAULT '[]',
  error             TEXT CHECK (length(error) <= 1000),
  checked_at        TIMESTAMPTZ(6) NOT NULL,
  -- The last answer that was not an error (a verification that failed since keeps this one's date).
  verified_at       TIMESTAMPTZ(6)
);

-- The registry's side of each screening: its name and licences for the NPI, the findings, the error.
ALTER TABLE screening ADD COLUMN npi_check JSONB;

-- Event types of the registry's findings: an NPI the registry does not know, and a roster name that
-- is not the registry's (both findings for a person to look at, never an exclusion).
ALTER TABLE compliance_event DROP CONSTRAINT compliance_event_event_type_check;
ALTER TABLE compliance_event ADD CONSTRAINT compliance_event_event_type_check CHECK (event_type IN (
  'exclusion_match', 'npi_deactivated', 'npi_not_found', 'license_mismatch', 'name_mismatch',
  'regulation_change', 'deadline_alert', 'alert_escalated'));

-- The NPI Registry, checked daily for every roster NPI, one request at a time at most 5 a second
-- (CMS publishes no limit; this is the polite rate). New roster NPIs are checked when they are added.
INSERT INTO source (name, config, poll_interval_minutes)
VALUES ('cms-nppes', '{"baseUrl": "https://npiregistry.cms.hhs.gov/api/", "requestsPerSecond": 5}', 1440);
