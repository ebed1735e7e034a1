-- Row issues of a patient list (issue #12): every refused row (error) and every repair or doubt the
-- practice should see (warning), by line and field, in their own table so a 100,000-row list keeps
-- all of them (the summary shows the first ones; the rest are paged or downloaded as CSV). Reasons
-- name fields, code points and ZIP prefixes, never a cell's value.
CREATE TABLE "patient_list_issue" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "field" TEXT,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "patient_list_issue_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "patient_list_issue_severity_check" CHECK ("severity" IN ('error', 'warning'))
);

CREATE INDEX "patient_list_issue_list_id_severity_line_idx" ON "patient_list_issue"("list_id", "severity", "line");

ALTER TABLE "patient_list_issue" ADD CONSTRAINT "patient_list_issue_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "patient_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "patient_list_issue" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "patient_list_issue"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));

-- Rows with at least one warning (imported); the old capped JSON of errors is replaced by the table,
-- into which the errors of lists imported before are copied first (their reasons, code LEGACY).
ALTER TABLE "patient_list" ADD COLUMN "warning_rows" INTEGER NOT NULL DEFAULT 0;
INSERT INTO "patient_list_issue" ("tenant_id", "list_id", "line", "severity", "field", "code", "reason")
SELECT l."tenant_id", l."id", (e->>'row')::INTEGER, 'error', NULL, 'LEGACY', r
  FROM "patient_list" l,
       jsonb_array_elements(l."row_errors") AS e,
       jsonb_array_elements_text(e->'reasons') AS r;
ALTER TABLE "patient_list" DROP COLUMN "row_errors";
