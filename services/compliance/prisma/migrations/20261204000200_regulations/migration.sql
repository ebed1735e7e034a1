-- Federal Register documents (rules and proposed rules of CMS and HHS) as the Federal Register API v1
-- publishes them. Public and platform-wide; each practice gets its own `regulation_change` and
-- `deadline_alert` events from them (acknowledged per practice).
CREATE TABLE regulation (
  document_number   TEXT PRIMARY KEY CHECK (length(document_number) BETWEEN 1 AND 40),
  -- As the API names it: `Rule`, `Proposed Rule`, `Notice`, …
  doc_type          TEXT NOT NULL,
  title             TEXT NOT NULL,
  abstract          TEXT NOT NULL DEFAULT '',
  html_url          TEXT NOT NULL,
  agencies          TEXT[] DEFAULT ARRAY[]::TEXT[],
  publication_date  DATE NOT NULL,
  effective_on      DATE,
  comments_close_on DATE,
  -- When we first read it (the SLA clock of what it raises) and the sync that did.
  fetched_at        TIMESTAMPTZ(6) NOT NULL,
  sync_id           UUID NOT NULL,
  updated_at        TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE INDEX regulation_publication_idx ON regulation (publication_date DESC);

-- Federal Register bulletins twice a day: rules and proposed rules of CMS and HHS published in the
-- last 30 days on the first sync, and since the last one after that.
INSERT INTO source (name, config, poll_interval_minutes)
VALUES ('federal-register',
        '{"baseUrl": "https://www.federalregister.gov/api/v1/", "agencies": ["centers-for-medicare-medicaid-services", "health-and-human-services-department"], "types": ["RULE", "PRORULE"], "sinceDays": 30, "deadlineWarningDays": 30}',
        720);
