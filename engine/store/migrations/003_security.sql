-- Sessions ended by logout: every token carrying the id is refused until `until`, when it would have
-- expired anyway; rows past their end are deleted as new ones arrive.
CREATE TABLE revoked_sessions (
  id    text COLLATE "C" PRIMARY KEY,
  until timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_until ON revoked_sessions (until);
