-- The inbox of issue 15: a row per application without reading its record (`row`, the CaseRow), a
-- column per sort order with an index that walks it, a count index, the holder, and search text.
-- Sort keys are written by the store from engine/store/inbox/sortKeys.ts, so both stores order alike.
ALTER TABLE applications
  ADD COLUMN number        text COLLATE "C",
  ADD COLUMN applicant_key text COLLATE "C",
  ADD COLUMN service_key   text COLLATE "C",
  ADD COLUMN step_key      text COLLATE "C",
  ADD COLUMN phase_due     text COLLATE "C",
  ADD COLUMN service_due   text COLLATE "C",
  ADD COLUMN assignee      text COLLATE "C",
  -- engine/inbox/caseRow.ts caseSearchText: normalized number, id, applicant, identifiers, licences.
  ADD COLUMN search_text   text COLLATE "C",
  -- The inbox row (CaseRow) as JSON; NULL for rows written before this migration until init fills it.
  ADD COLUMN row           jsonb,
  -- The step as one value, so "at one of these steps" is one indexable `step_id = ANY(...)`.
  ADD COLUMN step_id       text COLLATE "C" GENERATED ALWAYS AS (service || '/' || state) STORED;

-- One index per sort column, open and finished cases apart (a query for both merges two walks).
CREATE INDEX applications_sort_number     ON applications (region, final, number, id);
CREATE INDEX applications_sort_applicant  ON applications (region, final, applicant_key, id);
CREATE INDEX applications_sort_service    ON applications (region, final, service_key, id);
CREATE INDEX applications_sort_step       ON applications (region, final, step_key, id);
CREATE INDEX applications_sort_step_due   ON applications (region, final, step_due, id);
CREATE INDEX applications_sort_phase_due  ON applications (region, final, phase_due, id);
CREATE INDEX applications_sort_service_due ON applications (region, final, service_due, id);
CREATE INDEX applications_sort_received   ON applications (region, final, received_at, id);
-- Counting the matches of a step filter reads only the matching index entries.
CREATE INDEX applications_steps ON applications (region, final, step_id);
-- A step filter given without its service (the same step id in several procedures).
CREATE INDEX applications_state ON applications (region, final, state);
-- A step decides whether a case is finished, and the planner must know it: without these statistics it
-- multiplies the two selectivities, expects a role's steps to be rare, and sorts them all instead of
-- walking a sort index for the first 20.
CREATE STATISTICS applications_step_final (dependencies, mcv) ON final, service, step_id FROM applications;

-- «Мои задачи»: the open cases each user holds, one index per sort column again (few rows each:
-- only open cases someone holds), and one to count them by step.
CREATE INDEX applications_mine_number       ON applications (region, assignee, number, id)      WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_applicant    ON applications (region, assignee, applicant_key, id) WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_service      ON applications (region, assignee, service_key, id) WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_step         ON applications (region, assignee, step_key, id)    WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_step_due     ON applications (region, assignee, step_due, id)    WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_phase_due    ON applications (region, assignee, phase_due, id)   WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_service_due  ON applications (region, assignee, service_due, id) WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_received     ON applications (region, assignee, received_at, id) WHERE assignee IS NOT NULL AND NOT final;
CREATE INDEX applications_mine_steps        ON applications (region, assignee, step_id)         WHERE assignee IS NOT NULL AND NOT final;
-- Who holds what, open or finished.
CREATE INDEX applications_assignee ON applications (region, assignee) WHERE assignee IS NOT NULL;
-- Search by part of a word: pg_trgm's GIN index answers LIKE '%word%' (migrate puts the schema that holds
-- pg_trgm on the search path).
CREATE INDEX applications_search ON applications USING gin (search_text gin_trgm_ops);

-- Registry search by part of the number or of an attribute the query names: the number ("#") and each
-- attribute normalized as search compares text (engine/inbox/searchText.ts).
ALTER TABLE licences ADD COLUMN search_norm jsonb;
