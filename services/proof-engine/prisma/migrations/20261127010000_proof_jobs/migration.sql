-- Templates, letter setups and jobs of the proof engine. Every table carries tenant_id under RLS.

CREATE TABLE "template" (
  "id" UUID NOT NULL PRIMARY KEY,
  "tenant_id" UUID NOT NULL,
  "letter_type" TEXT NOT NULL CHECK ("letter_type" IN ('practice_closure', 'provider_departure', 'hipaa_breach', 'policy_change', 'office_relocation')),
  "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 200),
  "revision" INTEGER NOT NULL CHECK ("revision" >= 1),
  "created_by" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "archived_at" TIMESTAMPTZ(6)
);
CREATE INDEX "template_tenant_id_created_at_idx" ON "template" ("tenant_id", "created_at");

CREATE TABLE "template_revision" (
  "id" UUID NOT NULL PRIMARY KEY,
  "tenant_id" UUID NOT NULL,
  "template_id" UUID NOT NULL REFERENCES "template" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "revision" INTEGER NOT NULL CHECK ("revision" >= 1),
  "body" TEXT NOT NULL CHECK (octet_length("body") <= 65536),
  "sha256" TEXT NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
  "created_by" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "template_revision_template_id_revision_key" ON "template_revision" ("template_id", "revision");

CREATE TABLE "letter_setup" (
  "tenant_id" UUID NOT NULL,
  "project_id" UUID NOT NULL,
  "letter_type" TEXT NOT NULL CHECK ("letter_type" IN ('practice_closure', 'provider_departure', 'hipaa_breach', 'policy_change', 'office_relocation')),
  "template_id" UUID,
  "values" JSONB NOT NULL,
  "return_address" JSONB NOT NULL,
  "updated_by" TEXT NOT NULL,
  "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenant_id", "project_id")
);

CREATE TABLE "job" (
  "id" UUID NOT NULL PRIMARY KEY,
  "tenant_id" UUID NOT NULL,
  "order_id" UUID NOT NULL,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('proof', 'production')),
  "state" TEXT NOT NULL CHECK ("state" IN ('queued', 'running', 'done', 'failed')),
  "letters_total" INTEGER NOT NULL DEFAULT 0 CHECK ("letters_total" >= 0),
  "letters_done" INTEGER NOT NULL DEFAULT 0 CHECK ("letters_done" >= 0 AND "letters_done" <= "letters_total"),
  "resume_after_row" INTEGER NOT NULL DEFAULT 0,
  "parts" JSONB NOT NULL DEFAULT '[]',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT CHECK (length("error") <= 500),
  "failed_row" INTEGER,
  "template_revision_id" UUID,
  "storage_key" TEXT,
  "sha256" TEXT,
  "page_count" INTEGER,
  "thumbnails" JSONB NOT NULL DEFAULT '[]',
  "requested_by" TEXT NOT NULL,
  "lease_until" TIMESTAMPTZ(6),
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "finished_at" TIMESTAMPTZ(6),
  CHECK ("state" <> 'done' OR ("storage_key" IS NOT NULL AND "sha256" IS NOT NULL))
);
CREATE INDEX "job_tenant_id_order_id_idx" ON "job" ("tenant_id", "order_id");
CREATE INDEX "job_state_created_at_idx" ON "job" ("state", "created_at");
-- At most one live job per order and kind: a second request joins the first.
CREATE UNIQUE INDEX "job_one_live_per_order" ON "job" ("order_id", "kind") WHERE "state" IN ('queued', 'running');

ALTER TABLE "template" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "template"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));
ALTER TABLE "template_revision" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "template_revision"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));
ALTER TABLE "letter_setup" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "letter_setup"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));
ALTER TABLE "job" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "job"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));

-- The worker takes the oldest queued job of any practice (or one whose worker's lease ran out) and
-- then works inside that job's tenant. The runtime role sees one tenant only, so claiming is this
-- function, owned by the migrator (which owns the table and is not bound by its policy). It returns
-- ids only.
CREATE FUNCTION claim_job(p_lease_seconds INTEGER)
RETURNS TABLE (id UUID, tenant_id UUID)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = proof, pg_temp AS $$
  UPDATE job
     SET state = 'running', attempts = job.attempts + 1, updated_at = now(),
         lease_until = now() + make_interval(secs => GREATEST(p_lease_seconds, 10))
   WHERE job.id = (
     SELECT j.id FROM job j
      WHERE j.state = 'queued' OR (j.state = 'running' AND j.lease_until < now())
      ORDER BY j.created_at
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
  RETURNING job.id, job.tenant_id
$$;
