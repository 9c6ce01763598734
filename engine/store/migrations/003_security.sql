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
