-- The month record of screenings that ran before screening_month existed: each current result is one
-- screening of its month (the LEIE snapshot it was screened against). Without it, a practice upgraded
-- mid-month would attest an empty month until its next screening. Runs as the migrator (owner: RLS
-- does not bind it).
INSERT INTO screening_month (tenant_id, month, provider_id, provider_name, npi, screenings, first_screened_at,
                             last_screened_at, exclusion_status, statuses_seen, npi_status, npi_checked_at, versions)
SELECT s.tenant_id, to_char(s.screened_at AT TIME ZONE 'UTC', 'YYYY-MM'), s.provider_id, s.provider_name, s.npi, 1,
       s.screened_at, s.screened_at, s.exclusion_status, ARRAY[s.exclusion_status], s.npi_status,
       (s.npi_check->>'checkedAt')::timestamptz, jsonb_build_object('oig-leie', jsonb_build_array(s.snapshot_version))
  FROM screening s
ON CONFLICT (tenant_id, month, provider_id) DO NOTHING;
