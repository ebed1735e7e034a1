-- A practice archives a finished campaign, and deletes a patient list it uploaded by mistake
-- (issue #12): the list's encrypted rows, issues and file go; its row stays, `deleted`, as the record.
ALTER TABLE "project" ADD COLUMN "archived_at" TIMESTAMPTZ(6);
-- The projects list's cursor carries created_at in milliseconds (as the patient lists' does).
UPDATE "project" SET "created_at" = date_trunc('milliseconds', "created_at");
CREATE INDEX "project_tenant_id_created_at_id_idx" ON "project"("tenant_id", "created_at" DESC, "id" DESC);
DROP INDEX "project_tenant_id_created_at_idx";

ALTER TABLE "patient_list" DROP CONSTRAINT "patient_list_status_check";
ALTER TABLE "patient_list" ADD CONSTRAINT "patient_list_status_check"
  CHECK ("status" IN ('importing', 'needs_mapping', 'validated', 'rejected', 'failed', 'accepted', 'deleted'));
ALTER TABLE "patient_list" ADD COLUMN "deleted_at" TIMESTAMPTZ(6);

-- Orders are cursor-paged the same way (newest first by created_at, id).
UPDATE "orders" SET "created_at" = date_trunc('milliseconds', "created_at");
CREATE INDEX "orders_tenant_id_created_at_id_idx" ON "orders"("tenant_id", "created_at" DESC, "id" DESC);
