-- Users under row-level security, like every table with a tenant_id: a practice's users are visible
-- to a transaction of that practice only, and the ops team (no practice) only to platform-scoped
-- work (`app.scope` = 'platform', set by the tenant service's system repository). A login knows only
-- an email and a refresh only a user id: they read through the two SECURITY DEFINER functions below
-- (owned by the migrator, which owns the table and so is not bound by its policies), which return
-- one user and nothing else.
ALTER TABLE "app_user" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "app_user";
CREATE POLICY tenant_isolation ON "app_user"
  USING ("tenant_id"::text = current_setting('app.tenant_id', true))
  WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS platform_staff ON "app_user";
CREATE POLICY platform_staff ON "app_user"
  USING ("tenant_id" IS NULL AND current_setting('app.scope', true) = 'platform')
  WITH CHECK ("tenant_id" IS NULL AND current_setting('app.scope', true) = 'platform');

CREATE FUNCTION auth_user_by_email(p_email TEXT)
RETURNS TABLE (id UUID, tenant_id UUID, email TEXT, password_hash TEXT, role TEXT, status TEXT, tenant_status TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tenant, pg_temp AS $$
  SELECT u.id, u.tenant_id, u.email, u.password_hash, u.role, u.status, t.status
    FROM app_user u LEFT JOIN tenant t ON t.id = u.tenant_id
   WHERE u.email = p_email
$$;

CREATE FUNCTION auth_user_by_id(p_id UUID)
RETURNS TABLE (id UUID, tenant_id UUID, email TEXT, password_hash TEXT, role TEXT, status TEXT, tenant_status TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tenant, pg_temp AS $$
  SELECT u.id, u.tenant_id, u.email, u.password_hash, u.role, u.status, t.status
    FROM app_user u LEFT JOIN tenant t ON t.id = u.tenant_id
   WHERE u.id = p_id
$$;
