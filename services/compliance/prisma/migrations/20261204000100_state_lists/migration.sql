-- State Medicaid exclusion lists (one source per state list, each in its state's own format): every
-- listing with the snapshot versions it entered and left its list's active set. Public data.
CREATE TABLE state_listing (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source          TEXT NOT NULL REFERENCES source (name),
  -- The state whose program excludes: a roster licence of this state is matched on.
  state           TEXT NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
  listing_key     TEXT NOT NULL,
  last_name       TEXT NOT NULL,
  first_name      TEXT NOT NULL,
  middle_name     TEXT NOT NULL,
  business_name   TEXT NOT NULL,
  specialty       TEXT NOT NULL,
  npi             TEXT,
  license_number  TEXT NOT NULL,
  -- The licence folded as screening compares it (case, punctuation, leading zeros): '' for none.
  license_key     TEXT NOT NULL,
  date_of_birth   DATE,
  exclusion_type  TEXT NOT NULL,
  exclusion_date  DATE,
  end_date        DATE,
  region          TEXT NOT NULL,
  added_version   INTEGER NOT NULL,
  removed_version INTEGER,
  CHECK (removed_version IS NULL OR removed_version > added_version)
);
CREATE UNIQUE INDEX state_listing_active_key ON state_listing (source, listing_key) WHERE removed_version IS NULL;
CREATE INDEX state_listing_active_npi ON state_listing (npi) WHERE removed_version IS NULL AND npi IS NOT NULL;
CREATE INDEX state_listing_active_license ON state_listing (license_key) WHERE removed_version IS NULL AND license_key <> '';
CREATE INDEX state_listing_active_dob ON state_listing (date_of_birth) WHERE removed_version IS NULL AND date_of_birth IS NOT NULL;
CREATE INDEX state_listing_added_idx ON state_listing (source, added_version);
CREATE INDEX state_listing_removed_idx ON state_listing (source, removed_version) WHERE removed_version IS NOT NULL;

-- Pennsylvania's Medicheck Precluded Providers List, checked daily (DHS updates it as it precludes).
INSERT INTO source (name, config, poll_interval_minutes)
VALUES ('pa-medicheck', '{"baseUrl": "https://www.humanservices.state.pa.us/Medchk/MedchkSearch/"}', 1440);
