-- Event-bus tables of one service schema (unqualified: the migration runner sets search_path).
-- Every service's first migration carries this file verbatim; test/event-bus-sql.test.ts keeps the copies equal.

-- Transactional outbox: written in the same transaction as the state change it announces.
CREATE TABLE outbox (
  seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id           UUID NOT NULL UNIQUE,
  subject      TEXT NOT NULL,
  tenant_id    TEXT,
  payload      JSONB NOT NULL,
  created_at   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  sent_at      TIMESTAMPTZ(6),
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT
);
-- The relay only ever scans unsent rows, oldest first.
CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL;

-- Wakes the relay at commit (NOTIFY is delivered only if the transaction commits) instead of
-- waiting for its next poll. One notification per statement, folded per transaction by PostgreSQL.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('plh_outbox_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Idempotent consumers: one row per (consumer, event) handled, written in the handler's transaction.
CREATE TABLE inbox (
  consumer     TEXT NOT NULL,
  event_id     UUID NOT NULL,
  event_type   TEXT NOT NULL,
  processed_at TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
