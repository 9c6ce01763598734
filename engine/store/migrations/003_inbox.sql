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
  ADD COLUMN row           jsonb;

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
CREATE INDEX applications_steps ON applications (region, final, service, state);
-- «Мои задачи».
CREATE INDEX applications_assignee ON applications (region, assignee) WHERE assignee IS NOT NULL;
-- Search by part of a word: pg_trgm's GIN index answers LIKE '%word%' (migrate puts the schema that holds
-- pg_trgm on the search path).
CREATE INDEX applications_search ON applications USING gin (search_text gin_trgm_ops);

-- Registry search by part of the number or of an attribute the query names: the number ("#") and each
-- attribute normalized as search compares text (engine/inbox/searchText.ts).
ALTER TABLE licences ADD COLUMN search_norm jsonb;
