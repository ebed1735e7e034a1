-- One schema and two roles per service (and a third that nobody logs in as), run by an administrator (idempotent; re-running rotates passwords).
--   {{migrator}}  owns the schema and every table in it; migrations run as this role.
--   {{app}}       what the service connects as at run time: DML on its own schema only, never owner,
--                 never BYPASSRLS, so row-level security applies to every query it makes.
--   {{maintenance}}  NOLOGIN: the only role an append-only table (the audit trail) lets UPDATE or DELETE;
--                 an administrator `SET ROLE`s to it for retention work, on purpose and on the record.
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
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {{maintenance_literal}}) THEN
    CREATE ROLE {{maintenance}} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
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
GRANT USAGE ON SCHEMA {{schema}} TO {{maintenance}};
-- …except on tables that say otherwise in their comment (the audit trail): 'append-only:' ones are
-- never updated or deleted, 'written by functions only:' ones not even inserted into but through the
-- schema's SECURITY DEFINER functions. The grant above must not reopen them.
DO $append_only$
DECLARE
  t regclass;
  note text;
BEGIN
  FOR t, note IN SELECT c.oid::regclass, obj_description(c.oid, 'pg_class')
                   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = {{schema_literal}} AND c.relkind IN ('r', 'p')
  LOOP
    IF note LIKE 'append-only:%' THEN
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', t, {{app_literal}});
    ELSIF note LIKE 'written by functions only:%' THEN
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %s FROM %I', t, {{app_literal}});
    END IF;
  END LOOP;
END
$append_only$;
-- Nobody but an administrator creates objects in public (the default since PostgreSQL 15; older servers need it).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
