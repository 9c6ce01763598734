-- Sessions ended by logout: every token carrying the id is refused until `until`, when it would have
-- expired anyway; rows past their end are deleted as new ones arrive.
CREATE TABLE revoked_sessions (
  id    text COLLATE "C" PRIMARY KEY,
  until timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_until ON revoked_sessions (until);

-- Idempotency keys: the response the first request with a client's key got, kept until `expires_at`
-- and written in the transaction of the change it answered. A filing claims the key first (the row
-- lock makes a concurrent repeat wait for the first to commit, then find it) and fills in the response
-- once the record is built; expired keys are deleted as new ones arrive.
CREATE TABLE idempotency_keys (
  owner       text COLLATE "C" NOT NULL,
  key         text COLLATE "C" NOT NULL,
  fingerprint text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  status      integer,
  body        text,
  location    text,
  PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- The read audit: who opened which application, document or attachment, and when. Apart from the
-- applications, append-only: rows are inserted, and deleted only when older than the retention
-- period; the trigger refuses any change to a row.
CREATE TABLE read_audit (
  seq            bigserial PRIMARY KEY,
  at             timestamptz NOT NULL,
  region         text COLLATE "C" NOT NULL,
  user_id        text COLLATE "C" NOT NULL,
  roles          jsonb NOT NULL,
  kind           text NOT NULL,
  object_id      text COLLATE "C" NOT NULL,
  application_id text COLLATE "C",
  action         text NOT NULL,
  request_id     text NOT NULL
);
CREATE INDEX read_audit_region ON read_audit (region, at DESC, seq DESC);
CREATE INDEX read_audit_application ON read_audit (region, application_id, at DESC);
CREATE INDEX read_audit_user ON read_audit (region, user_id, at DESC);
CREATE INDEX read_audit_at ON read_audit (at);
CREATE FUNCTION read_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the read audit is append-only: rows are never changed';
END $$;
CREATE TRIGGER read_audit_no_update BEFORE UPDATE ON read_audit FOR EACH ROW EXECUTE FUNCTION read_audit_append_only();
