-- One schema and two roles per service, run by an administrator (idempotent; re-running rotates passwords).
--   {{migrator}}  owns the schema and every table in it; migrations run as this role.
--   {{app}}       what the service connects as at run time: DML on its own schema only, never owner,
--                 never BYPASSRLS, so row-level security applies to every query it makes.
-- Placeholders are filled by packages/db (provisionService), which quotes them safely.
DO $provision$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {{migrator_literal}}) THEN
    CREATE ROLE {{migrator}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD {{migrator_password}};
  ELSE
    ALTER ROLE {{migrator}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD {{migrator_password}};
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {{app_literal}}) THEN
    CREATE ROLE {{app}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD {{app_password}};
  ELSE
    ALTER ROLE {{app}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD {{app_password}};
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), {{migrator_literal}}, {{app_literal}});
END
$provision$;

-- Unqualified names (raw SQL, the outbox/inbox helpers) resolve to the service's own schema.
ALTER ROLE {{migrator}} SET search_path = {{schema}};
ALTER ROLE {{app}} SET search_path = {{schema}};

CREATE SCHEMA IF NOT EXISTS {{schema}} AUTHORIZATION {{migrator}};
ALTER SCHEMA {{schema}} OWNER TO {{migrator}};
REVOKE ALL ON SCHEMA {{schema}} FROM PUBLIC;
GRANT USAGE ON SCHEMA {{schema}} TO {{app}};

-- Tables, sequences and functions the migrator creates later are usable by the app role, and by nobody else.
ALTER DEFAULT PRIVILEGES FOR ROLE {{migrator}} IN SCHEMA {{schema}} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {{app}};
ALTER DEFAULT PRIVILEGES FOR ROLE {{migrator}} IN SCHEMA {{schema}} GRANT USAGE, SELECT ON SEQUENCES TO {{app}};
ALTER DEFAULT PRIVILEGES FOR ROLE {{migrator}} IN SCHEMA {{schema}} GRANT EXECUTE ON FUNCTIONS TO {{app}};
ALTER DEFAULT PRIVILEGES FOR ROLE {{migrator}} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- Objects that already exist (a re-run after migrations) get the same grants.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {{schema}} TO {{app}};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{schema}} TO {{app}};
-- Nobody but an administrator creates objects in public (the default since PostgreSQL 15; older servers need it).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
