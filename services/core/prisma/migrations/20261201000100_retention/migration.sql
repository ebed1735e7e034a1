-- Retention: a file revision whose bytes were deleted (a patient list's raw upload, 30 days after the
-- list was accepted by default) keeps its row, hash and size as the record of what existed.
ALTER TABLE file_revision ADD COLUMN deleted_at TIMESTAMPTZ(6);
ALTER TABLE file_revision ADD COLUMN deleted_reason TEXT;

-- SYSTEM ACCESS for the retention sweep (runs for every practice, outside row-level security): the
-- accepted lists whose raw file is due, ids only. The sweep then works inside each list's practice.
CREATE FUNCTION retention_due_patient_lists(p_accepted_before TIMESTAMPTZ, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID, list_id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = core, pg_temp AS $$
  SELECT l.tenant_id, l.id
    FROM patient_list l JOIN file_revision r ON r.id = l.file_revision_id
   WHERE l.status = 'accepted' AND l.accepted_at < p_accepted_before AND r.deleted_at IS NULL
   ORDER BY l.accepted_at
   LIMIT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 1000)
$$;
