-- Asynchronous patient-list imports (issue #12): the upload is stored and answered at once; a job
-- validates the rows while the list shows its progress. `importing` while the job runs; `rejected`
-- when the file turns out unusable (file_error_code says why); `failed` when the import could not be
-- completed after its retries (upload again).
ALTER TABLE "patient_list" DROP CONSTRAINT "patient_list_status_check";
ALTER TABLE "patient_list" ADD CONSTRAINT "patient_list_status_check"
  CHECK ("status" IN ('importing', 'needs_mapping', 'validated', 'rejected', 'failed', 'accepted'));

ALTER TABLE "patient_list" ADD COLUMN "file_error_code" TEXT;
ALTER TABLE "patient_list" ADD COLUMN "bytes_total" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "patient_list" ADD COLUMN "bytes_read" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "patient_list" ADD COLUMN "progress_at" TIMESTAMPTZ(6);

-- A project's lists, newest first (the list endpoint's keyset order).
CREATE INDEX "patient_list_tenant_id_project_id_created_at_id_idx" ON "patient_list"("tenant_id", "project_id", "created_at" DESC, "id" DESC);
DROP INDEX "patient_list_tenant_id_project_id_idx";

-- The list endpoint's cursor carries created_at in milliseconds (what a JSON timestamp holds): rows
-- are created with millisecond times from now on, and older ones are cut to the millisecond, so no
-- row falls between two pages.
UPDATE "patient_list" SET "created_at" = date_trunc('milliseconds', "created_at");
