-- The provider roster: tenant-scoped (RLS), one row per NPI per practice.
CREATE TABLE "provider" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "npi" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "license_state" TEXT NOT NULL,
    "license_number" TEXT NOT NULL,
    "specialty" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "provider_tenant_id_npi_key" ON "provider"("tenant_id", "npi");
ALTER TABLE "provider" ADD CONSTRAINT "provider_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "provider" ADD CONSTRAINT "provider_npi_check" CHECK ("npi" ~ '^[12][0-9]{9}$');
ALTER TABLE "provider" ADD CONSTRAINT "provider_license_state_check" CHECK ("license_state" ~ '^[A-Z]{2}$');

ALTER TABLE "provider" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "provider";
CREATE POLICY tenant_isolation ON "provider"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));
