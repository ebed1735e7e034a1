-- Job-queue tables of one service schema (unqualified: the migration runner sets search_path).
-- A service that runs jobs carries this file verbatim as a migration folder ending in `_job_queue`;
-- packages/jobs/test/jobs-sql.test.ts keeps the copies equal.

-- One row per run of a job: what to run (queue + payload of ids, never PHI), when, how often it was
-- tried and who holds it. No row-level security, like the outbox: the worker claims across practices
-- and then works inside the job's practice.
CREATE TABLE job_queue (
  id            UUID PRIMARY KEY,
  queue         TEXT NOT NULL,
  tenant_id     TEXT,
  payload       JSONB NOT NULL DEFAULT '{}',
  state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  run_at        TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  attempts      INTEGER NOT NULL DEFAULT 0,
  max_attempts  INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  lease_until   TIMESTAMPTZ(6),
  singleton_key TEXT,
  traceparent   TEXT,
  last_error    TEXT,
  created_at    TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  finished_at   TIMESTAMPTZ(6)
);
-- Workers scan due queued jobs of their queues, and running jobs whose lease ran out (dead worker).
CREATE INDEX job_queue_due_idx ON job_queue (queue, run_at) WHERE state = 'queued';
CREATE INDEX job_queue_lease_idx ON job_queue (queue, lease_until) WHERE state = 'running';
CREATE INDEX job_queue_finished_idx ON job_queue (finished_at) WHERE finished_at IS NOT NULL;
-- At most one live job per singleton key (a schedule's slot, "one sync per source at a time").
CREATE UNIQUE INDEX job_queue_singleton_idx ON job_queue (queue, singleton_key)
  WHERE singleton_key IS NOT NULL AND state IN ('queued', 'running');

-- Wakes idle workers at commit instead of at their next poll (NOTIFY is delivered only on commit).
CREATE FUNCTION job_queue_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('plh_jobs_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER job_queue_notify AFTER INSERT ON job_queue FOR EACH STATEMENT EXECUTE FUNCTION job_queue_notify();

-- Cron-style schedules: the replica that moves `next_run_at` forward (a row lock decides) enqueues
-- that slot's job, so a schedule runs once per slot however many workers run.
CREATE TABLE job_schedule (
  name         TEXT PRIMARY KEY,
  queue        TEXT NOT NULL,
  cron         TEXT NOT NULL,
  timezone     TEXT NOT NULL DEFAULT 'UTC',
  payload      JSONB NOT NULL DEFAULT '{}',
  next_run_at  TIMESTAMPTZ(6) NOT NULL,
  last_run_at  TIMESTAMPTZ(6),
  updated_at   TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
