/**
 * The order of each inbox column, the same as the PostgreSQL store's ORDER BY (pgInboxSql.ts): text
 * compared by code unit after search normalization (so «ё» sorts as «е» and case is ignored), dates
 * as ISO text, receipt as an instant; a missing value after every value; the id breaks ties.
 */
import { INBOX_SORTS, type CaseRow, type InboxSort } from '../../api.ts';
import { normalizeSearchText } from '../../inbox/searchText.ts';

export const SORTS: readonly InboxSort[] = INBOX_SORTS;

/** A row with what sorting and searching it needs, computed once when it is indexed. */
export interface IndexedCase {
  readonly row: CaseRow;
  /** caseSearchText(row). */
  readonly text: string;
  readonly keys: Readonly<Record<InboxSort, string | number | null>>;
}

/** The sort key of each column for a row (also what the PostgreSQL store writes into its sort columns). */
export function sortKeysOf(row: CaseRow): Record<InboxSort, string | number | null> {
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
  return { row, text, keys: sortKeysOf(row) };
}

const comparators = new Map<InboxSort, (a: IndexedCase, b: IndexedCase) => number>();

/** Ascending order of a column (descending is its reverse, ties included). */
export function compareCases(sort: InboxSort): (a: IndexedCase, b: IndexedCase) => number {
  let compare = comparators.get(sort);
  if (!compare) {
    compare = (a, b) => {
      const x = a.keys[sort];
      const y = b.keys[sort];
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return x < y ? -1 : 1;
      }
      return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
    };
    comparators.set(sort, compare);
  }
  return compare;
}
