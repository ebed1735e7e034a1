-- The practice's quotes are listed newest first (GET /api/tenants/:t/quotes), keyset-paged like orders.
CREATE INDEX "quote_tenant_id_created_at_id_idx" ON "quote"("tenant_id", "created_at" DESC, "id" DESC);
