-- Uploaded attachments, kept in the database so every server process can read them. A row is made
-- when an upload starts (complete = false) and its content arrives as chunks of at most 256 KiB, each
-- its own statement, so no connection is held while a client sends slowly; the row becomes complete
-- with its record once the content has passed every check. The sweep removes incomplete rows left by
-- a crash, and complete ones no application was filed with and no draft refers to.
CREATE TABLE uploads (
  id             text COLLATE "C" PRIMARY KEY,
  created_at     timestamptz NOT NULL,
  complete       boolean NOT NULL DEFAULT false,
  application_id text COLLATE "C",
  record         jsonb
);
CREATE INDEX uploads_unfiled ON uploads (created_at) WHERE application_id IS NULL;

CREATE TABLE upload_chunks (
  upload_id text COLLATE "C" NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  seq       integer NOT NULL,
  data      bytea NOT NULL,
  PRIMARY KEY (upload_id, seq)
);

-- Applicants' drafts. `attachments` (upload ids) keeps a draft's uploads from the sweep.
CREATE TABLE drafts (
  id           text COLLATE "C" PRIMARY KEY,
  region       text COLLATE "C" NOT NULL,
  applicant_id text COLLATE "C" NOT NULL,
  updated_at   timestamptz NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  attachments  jsonb NOT NULL,
  record       jsonb NOT NULL
);
CREATE INDEX drafts_applicant ON drafts (region, applicant_id, updated_at);
CREATE INDEX drafts_attachments ON drafts USING gin (attachments jsonb_path_ops);
