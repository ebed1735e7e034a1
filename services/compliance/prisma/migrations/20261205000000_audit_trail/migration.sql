-- The audit trail (HIPAA 45 CFR 164.312(b), six years' retention by 164.316(b)(2)): every service's
-- audit records, appended per practice to a hash chain (prev_hash → hash) with signed Merkle
-- checkpoints (RFC 9162 tree hashing). Platform-wide records (a failed login for an unknown email)
-- form their own chain under the nil UUID. Nothing here is ever updated or deleted by the service.

-- The head of each chain: the only mutable row, locked by every append so that concurrent writers
-- take turns (a chain never forks). `frontier` holds the roots of the perfect Merkle subtrees of the
-- entries so far, so a checkpoint's root costs O(log n) rather than a read of the whole chain.
CREATE TABLE audit_chain (
  tenant_id         UUID PRIMARY KEY,
  size              BIGINT NOT NULL DEFAULT 0 CHECK (size >= 0),
  head_hash         TEXT NOT NULL DEFAULT repeat('0', 64) CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  frontier          TEXT[] DEFAULT ARRAY[]::TEXT[],
  checkpointed_size BIGINT NOT NULL DEFAULT 0,
  -- The last entry's recorded_at: an append never records a time before it (replicas' clocks differ).
  updated_at        TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
COMMENT ON TABLE audit_chain IS 'written by functions only: the heads of the audit chains';

-- One entry per audited action. Columns follow the seed's audit_log (tenant, actor, action, resource,
-- changes, IP address, user agent, time) plus what the chain and the trace need. Values are ids and
-- codes: PHI is dropped by every service before a record leaves it. Monthly partitions by the time
-- the trail appended the entry, so old months can be moved to cheaper storage whole.
CREATE TABLE audit_log (
  tenant_id     UUID NOT NULL,
  seq           BIGINT NOT NULL CHECK (seq >= 1),
  event_id      UUID NOT NULL,
  service       TEXT NOT NULL,
  action        TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  resource_type TEXT NOT NULL,
  resource_id   TEXT,
  actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'service', 'anonymous')),
  actor_id      TEXT,
  actor_role    TEXT,
  phi           BOOLEAN NOT NULL,
  changes       JSONB NOT NULL,
  reason        TEXT,
  request_id    TEXT,
  trace_id      TEXT,
  -- As the gateway signed it into the internal token; text, so the hash is over what was recorded.
  ip_address    TEXT,
  user_agent    TEXT,
  occurred_at   TIMESTAMPTZ(3) NOT NULL,
  recorded_at   TIMESTAMPTZ(3) NOT NULL,
  prev_hash     TEXT NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash          TEXT NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (tenant_id, seq, recorded_at)
) PARTITION BY RANGE (recorded_at);
CREATE INDEX audit_log_actor_idx ON audit_log (tenant_id, actor_id, seq);
CREATE INDEX audit_log_resource_idx ON audit_log (tenant_id, resource_type, resource_id, seq);
COMMENT ON TABLE audit_log IS 'written by functions only: the audit trail';

-- Signed statements of a chain's size and Merkle root, issued every few minutes and on demand (an
-- empty chain's too, on demand: RFC 9162's empty tree).
CREATE TABLE audit_checkpoint (
  tenant_id  UUID NOT NULL,
  tree_size  BIGINT NOT NULL CHECK (tree_size >= 0),
  root_hash  TEXT NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$'),
  issued_at  TIMESTAMPTZ(3) NOT NULL,
  key_id     TEXT NOT NULL,
  signature  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, tree_size)
);
COMMENT ON TABLE audit_checkpoint IS 'append-only: signed checkpoints of the audit trail';

-- The policies compare the uuid itself (not its text, as older tables do): the planner then estimates
-- a practice's share of a million-entry trail from the column's statistics and walks the (tenant, seq)
-- index in order, instead of expecting a handful of rows and sorting all of them for every page.
ALTER TABLE audit_chain ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE audit_checkpoint ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_checkpoint
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Append-only for every role but the explicit maintenance role (an administrator `SET ROLE`s to it,
-- e.g. to move a month that is past retention): the runtime role may only INSERT and SELECT, and a
-- trigger refuses UPDATE, DELETE and TRUNCATE to everyone else, table owner included.
CREATE FUNCTION audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'plh_compliance_maintenance' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Who may write what. The runtime role writes the trail only through the SECURITY DEFINER functions
-- below (which check that entries continue their chain: no fork, no rewrite), inserts checkpoints
-- under row-level security, and reads. The roles exist wherever the service runs
-- (infrastructure/database/provision.sql creates them before migrations, and re-applies these
-- revocations by the tables' comments); a bare database (the drift check) has none to grant to.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plh_compliance_app') THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain FROM plh_compliance_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoint FROM plh_compliance_app;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plh_compliance_maintenance') THEN
    GRANT SELECT, UPDATE, DELETE ON audit_log, audit_checkpoint TO plh_compliance_maintenance;
  END IF;
END
$$;

-- This month's partition and the next ones (the service calls it at start and daily, so a month
-- always exists before its first entry). Owned by the migrator, which may create tables.
CREATE FUNCTION ensure_audit_partitions(p_months_ahead INTEGER)
RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
DECLARE
  month_start TIMESTAMPTZ;
  partition_name TEXT;
  created INTEGER := 0;
BEGIN
  FOR i IN 0..LEAST(GREATEST(COALESCE(p_months_ahead, 2), 0), 24) LOOP
    month_start := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i)) AT TIME ZONE 'UTC';
    partition_name := 'audit_log_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
    CONTINUE WHEN to_regclass(partition_name) IS NOT NULL;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                   partition_name, month_start, month_start + interval '1 month');
    EXECUTE format('COMMENT ON TABLE %I IS %L', partition_name, 'written by functions only: one month of the audit trail');
    -- A statement trigger on the parent does not fire for TRUNCATE of a partition: each gets its own.
    EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()', partition_name);
    -- A partition read directly is not bound by its parent's policy: it gets the same one.
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', partition_name);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I '
                   'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) '
                   'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)',
                   partition_name);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plh_compliance_app') THEN
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM plh_compliance_app', partition_name);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plh_compliance_maintenance') THEN
      EXECUTE format('GRANT SELECT, UPDATE, DELETE ON %I TO plh_compliance_maintenance', partition_name);
    END IF;
    created := created + 1;
  END LOOP;
  RETURN created;
END
$$;
SELECT ensure_audit_partitions(2);

-- Chains that grew since their last checkpoint, after p_after (a chain id: the job pages through them
-- once per run; the checkpoint job signs each in its own transaction).
CREATE FUNCTION audit_chains_to_checkpoint(p_after UUID, p_limit INTEGER)
RETURNS TABLE (tenant_id UUID)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
  SELECT c.tenant_id FROM audit_chain c
   WHERE c.size > c.checkpointed_size AND (p_after IS NULL OR c.tenant_id > p_after)
   ORDER BY c.tenant_id LIMIT LEAST(GREATEST(COALESCE(p_limit, 500), 1), 5000)
$$;

-- The appender's two statements per batch, whatever the number of practices in it (a statement per
-- practice made appends wait on round trips). It runs as the service, for every practice at once:
-- these functions append and nothing else.
-- 1. The heads of the batch's chains (created when new), locked in id order: two batches sharing
--    chains wait for each other and never deadlock, and a chain never forks.
CREATE FUNCTION lock_audit_chains(p_chains UUID[])
RETURNS TABLE (tenant_id UUID, size BIGINT, head_hash TEXT, frontier TEXT[], updated_at TIMESTAMPTZ)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
BEGIN
  INSERT INTO audit_chain (tenant_id)
  SELECT c FROM unnest(p_chains) AS c ORDER BY c
  ON CONFLICT ON CONSTRAINT audit_chain_pkey DO NOTHING;
  RETURN QUERY
    SELECT a.tenant_id, a.size, a.head_hash, a.frontier, a.updated_at FROM audit_chain a
     WHERE a.tenant_id = ANY (p_chains) ORDER BY a.tenant_id FOR UPDATE;
END
$$;

-- 2. The entries, refused unless each chain's continue its locked head exactly (numbers from size + 1,
--    each prev_hash the hash before it): a chain cannot fork or be rewritten through here. The new
--    heads follow from the entries; only the Merkle frontier is taken as given (a wrong one shows as
--    a checkpoint whose root does not match when the trail is verified).
CREATE FUNCTION append_audit_entries(p_entries JSONB, p_frontiers JSONB)
RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
DECLARE
  broken TEXT;
  appended INTEGER;
BEGIN
  PERFORM 1 FROM audit_chain
   WHERE tenant_id IN (SELECT e.chain FROM jsonb_to_recordset(p_entries) AS e(chain uuid))
   ORDER BY tenant_id FOR UPDATE;
  WITH e AS (
    SELECT e.chain, e.seq, e."prevHash", e.hash,
           lag(e.hash) OVER w AS previous, row_number() OVER w AS n
      FROM jsonb_to_recordset(p_entries) AS e(chain uuid, seq bigint, "prevHash" text, hash text)
    WINDOW w AS (PARTITION BY e.chain ORDER BY e.seq))
  SELECT e.chain::text INTO broken
    FROM e LEFT JOIN audit_chain a ON a.tenant_id = e.chain
   WHERE a.tenant_id IS NULL OR e.seq <> a.size + e.n OR e."prevHash" <> COALESCE(e.previous, a.head_hash)
   LIMIT 1;
  IF broken IS NOT NULL THEN
    RAISE EXCEPTION 'these entries do not continue audit chain %', broken USING ERRCODE = '23514';
  END IF;
  INSERT INTO audit_log (tenant_id, seq, event_id, service, action, outcome, resource_type, resource_id, actor_kind,
                         actor_id, actor_role, phi, changes, reason, request_id, trace_id, ip_address, user_agent,
                         occurred_at, recorded_at, prev_hash, hash)
  SELECT chain, seq, "eventId", service, action, outcome, "resourceType", "resourceId", "actorKind", "actorId",
         "actorRole", phi, changes, reason, "requestId", "traceId", "clientIp", "userAgent", "occurredAt",
         "recordedAt", "prevHash", hash
    FROM jsonb_to_recordset(p_entries) AS e(chain uuid, seq bigint, "eventId" uuid, service text, action text,
         outcome text, "resourceType" text, "resourceId" text, "actorKind" text, "actorId" text, "actorRole" text,
         phi boolean, changes jsonb, reason text, "requestId" text, "traceId" text, "clientIp" text, "userAgent" text,
         "occurredAt" timestamptz, "recordedAt" timestamptz, "prevHash" text, hash text);
  GET DIAGNOSTICS appended = ROW_COUNT;
  UPDATE audit_chain a
     SET size = last.seq, head_hash = last.hash, frontier = f.frontier,
         updated_at = GREATEST(a.updated_at, last."recordedAt")
    FROM (SELECT DISTINCT ON (e.chain) e.chain, e.seq, e.hash, e."recordedAt"
            FROM jsonb_to_recordset(p_entries) AS e(chain uuid, seq bigint, hash text, "recordedAt" timestamptz)
           ORDER BY e.chain, e.seq DESC) AS last
    JOIN jsonb_to_recordset(p_frontiers) AS f(chain uuid, frontier text[]) ON f.chain = last.chain
   WHERE a.tenant_id = last.chain;
  RETURN appended;
END
$$;

-- 3. A checkpoint was signed up to p_size (the checkpoint itself is inserted under row-level security).
CREATE FUNCTION mark_audit_checkpointed(p_chain UUID, p_size BIGINT)
RETURNS BIGINT
LANGUAGE sql SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
  UPDATE audit_chain SET checkpointed_size = GREATEST(checkpointed_size, LEAST(p_size, size))
   WHERE tenant_id = p_chain AND tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
  RETURNING checkpointed_size;
$$;
