-- Proof jobs run on the shared job queue (@plh/jobs) instead of their own claim_job() and lease:
-- the job table keeps what the practice sees (state, progress, files), job_queue what the worker runs.

-- Jobs that were waiting or running when this release arrived are queued again; a production job
-- resumes after its last stored batch, as it would after a retry.
INSERT INTO job_queue (id, queue, tenant_id, payload)
SELECT gen_random_uuid(), 'proof.run-job', tenant_id::text, jsonb_build_object('jobId', id::text)
  FROM job
 WHERE state IN ('queued', 'running');
UPDATE job SET state = 'queued', updated_at = now() WHERE state = 'running';

DROP FUNCTION claim_job(INTEGER);
ALTER TABLE job DROP COLUMN lease_until;
