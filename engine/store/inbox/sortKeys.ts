/**
 * The order of each inbox column, the same as the PostgreSQL store's ORDER BY (pgInboxSql.ts): text
 * compared by code unit after search normalization (so «ё» sorts as «е» and case is ignored), dates
 * as ISO text, receipt as an instant; a missing value after every value; the id breaks ties.
 */
import { INBOX_SORTS, type CaseRow, type InboxSort } from '../../api.ts';
import { normalizeSearchText } from '../../inbox/searchText.ts';

export const SORTS: readonly InboxSort[] = INBOX_SORTS;

type Key = string | number | null;

/**
 * A row with what sorting and searching it needs, computed once when it is indexed. The keys are
 * plain fields (not a map by column) so that comparing two rows reads a known property: comparisons
 * are what walking and merging the sorted trees costs.
 */
export interface IndexedCase {
  readonly row: CaseRow;
  /** caseSearchText(row). */
  readonly text: string;
  readonly id: string;
  readonly number: Key;
  readonly applicant: Key;
  readonly service: Key;
  readonly step: Key;
  readonly stepDue: Key;
  readonly phaseDue: Key;
  readonly serviceDue: Key;
  readonly receivedAt: Key;
}

/** The sort key of each column for a row (also what the PostgreSQL store writes into its sort columns). */
export function sortKeysOf(row: CaseRow): Record<InboxSort, Key> {
  return {
    number: row.number,
    applicant: row.applicantName === null ? null : normalizeSearchText(row.applicantName),
    service: normalizeSearchText(row.serviceTitle),
    step: normalizeSearchText(row.stepTitle),
    stepDue: row.stepDue?.date ?? null,
    phaseDue: row.phaseDue?.date ?? null,
    serviceDue: row.serviceDue?.date ?? null,
    receivedAt: Date.parse(row.receivedAt),
  };
}

export function indexedCase(row: CaseRow, text: string): IndexedCase {
  return { row, text, id: row.id, ...sortKeysOf(row) };
}

/** Missing values last, then the id. */
function compareKeys(x: Key, y: Key, a: IndexedCase, b: IndexedCase): number {
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const COMPARATORS: Readonly<Record<InboxSort, (a: IndexedCase, b: IndexedCase) => number>> = {
  number: (a, b) => compareKeys(a.number, b.number, a, b),
  applicant: (a, b) => compareKeys(a.applicant, b.applicant, a, b),
  service: (a, b) => compareKeys(a.service, b.service, a, b),
  step: (a, b) => compareKeys(a.step, b.step, a, b),
  stepDue: (a, b) => compareKeys(a.stepDue, b.stepDue, a, b),
  phaseDue: (a, b) => compareKeys(a.phaseDue, b.phaseDue, a, b),
  serviceDue: (a, b) => compareKeys(a.serviceDue, b.serviceDue, a, b),
  receivedAt: (a, b) => compareKeys(a.receivedAt, b.receivedAt, a, b),
};

/** Ascending order of a column (descending is its reverse, ties included). */
export function compareCases(sort: InboxSort): (a: IndexedCase, b: IndexedCase) => number {
  return COMPARATORS[sort];
}
