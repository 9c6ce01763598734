-- reglament store, first schema. Every query column is "C"-collated text where the other stores compare
-- strings by code unit (ids, licence numbers, ISO dates), so orders agree across stores and locales.

-- One row per application. The columns are what the inbox filters and sorts on; `record` is the whole
-- ApplicationRecord, the one thing read back.
CREATE TABLE applications (
  id           text COLLATE "C" PRIMARY KEY,
  region       text COLLATE "C" NOT NULL,
  service      text COLLATE "C" NOT NULL,
  state        text COLLATE "C" NOT NULL,
  final        boolean NOT NULL,
  applicant_id text COLLATE "C" NOT NULL,
  -- ISO date of the current step's deadline, NULL when the step has none (sorts last).
  step_due     text COLLATE "C",
  received_at  timestamptz NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  record       jsonb NOT NULL
);
-- The staff inbox: a region's (open) applications, earliest step deadline first, then by arrival.
CREATE INDEX applications_inbox ON applications (region, final, step_due, received_at, id);
-- "My applications" of an applicant.
CREATE INDEX applications_applicant ON applications (region, applicant_id, received_at);

-- Licence registry of each region. `search` holds every attribute's value as text (how the registry
-- search compares them), so one GIN index answers "attribute X equals V" for any attribute.
CREATE TABLE licences (
  region     text COLLATE "C" NOT NULL,
  number     text COLLATE "C" NOT NULL,
  status     text NOT NULL,
  issued_on  text COLLATE "C" NOT NULL,
  version    integer NOT NULL CHECK (version >= 1),
  attributes jsonb NOT NULL,
  search     jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record     jsonb NOT NULL,
  PRIMARY KEY (region, number)
);
CREATE INDEX licences_issue_order ON licences (region, issued_on, number);
CREATE INDEX licences_search ON licences USING gin (search jsonb_path_ops);

-- Last licence sequence number handed out per region; a row lock makes every number unique.
CREATE TABLE licence_sequences (
  region text COLLATE "C" PRIMARY KEY,
  last   integer NOT NULL
);

-- Rendered documents (notices, orders).
CREATE TABLE documents (
  id             text COLLATE "C" PRIMARY KEY,
  application_id text COLLATE "C",
  region         text COLLATE "C" NOT NULL,
  record         jsonb NOT NULL
);
CREATE INDEX documents_application ON documents (application_id);

-- Region config files by content hash, so an application keeps running on the version it started on.
CREATE TABLE config_versions (
  region   text COLLATE "C" NOT NULL,
  version  text COLLATE "C" NOT NULL,
  files    jsonb NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region, version)
);
