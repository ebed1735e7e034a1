-- Partner-system API keys: tenant-scoped (RLS), looked up across tenants only by key_id through a
-- SECURITY DEFINER function that returns the one row and nothing else.
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "rate_limit_per_min" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(6),
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_key_key_id_key" ON "api_key"("key_id");
CREATE INDEX "api_key_tenant_id_idx" ON "api_key"("tenant_id");
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_rate_limit_check" CHECK ("rate_limit_per_min" BETWEEN 1 AND 100000);

-- Row-level security (plh-db rls tenant.api_key); tenant_id is a uuid, compared as text.
ALTER TABLE "api_key" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "api_key";
CREATE POLICY tenant_isolation ON "api_key"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));

-- The gateway authenticates a key before it knows the tenant: this function (owned by the migrator,
-- which owns the table and so is not bound by its policy) returns exactly the row for one key_id.
CREATE FUNCTION api_key_lookup(p_key_id TEXT)
RETURNS TABLE (id UUID, tenant_id UUID, secret_hash TEXT, scopes TEXT[], rate_limit_per_min INTEGER,
               expires_at TIMESTAMPTZ, revoked_at TIMESTAMPTZ, last_used_at TIMESTAMPTZ, tenant_status TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tenant, pg_temp AS $$
  SELECT k.id, k.tenant_id, k.secret_hash, k.scopes, k.rate_limit_per_min, k.expires_at, k.revoked_at, k.last_used_at, t.status
    FROM api_key k JOIN tenant t ON t.id = k.tenant_id
   WHERE k.key_id = p_key_id
$$;

-- Records use at most once a minute per key (the gateway caches verifications anyway).
CREATE FUNCTION api_key_touch(p_id UUID)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = tenant, pg_temp AS $$
  UPDATE api_key SET last_used_at = now()
   WHERE id = p_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
$$;
