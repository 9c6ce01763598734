-- Readable application numbers: the last number given per region and year of receipt. A create takes
-- the next one inside its own transaction (the row stays locked until it commits), so a filing that
-- rolls back gives its number back and the stored numbers have no gaps.
CREATE TABLE application_counters (
  region text COLLATE "C" NOT NULL,
  year   integer NOT NULL,
  last   integer NOT NULL,
  PRIMARY KEY (region, year)
);
