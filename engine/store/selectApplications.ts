import type { ApplicationQuery } from '../api.ts';
import type { ApplicationIndexEntry } from './ApplicationIndexEntry.ts';

/**
 * Applies an ApplicationQuery to index entries: filters, sorts in inbox order and cuts the page.
 * Inbox order is "overdue first, then by step due date, then by received time"; sorting by due date
 * ascending already puts every overdue step (the earliest due dates) first, and steps without a due
 * date (finished applications, steps with no time limit) last. The id breaks ties so pages are stable.
 *
 * Only the first offset + limit entries are kept in order while scanning, so an inbox page costs one
 * pass over the index rather than a sort of it.
 */
export function selectApplications(
  entries: Iterable<ApplicationIndexEntry>,
  query: ApplicationQuery,
): { readonly ids: readonly string[]; readonly total: number } {
  const keep = Math.max(0, query.offset + query.limit);
  const best: ApplicationIndexEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    if (!matches(entry, query)) continue;
    total++;
    if (keep === 0 || (best.length === keep && inboxOrder(entry, best[keep - 1]) >= 0)) continue;
    best.splice(insertionPoint(best, entry), 0, entry);
    if (best.length > keep) best.pop();
  }
  return { ids: best.slice(query.offset).map((entry) => entry.id), total };
}

function insertionPoint(sorted: readonly ApplicationIndexEntry[], entry: ApplicationIndexEntry): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (inboxOrder(sorted[middle], entry) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function matches(entry: ApplicationIndexEntry, query: ApplicationQuery): boolean {
  if (entry.region !== query.region) return false;
  if (query.service !== undefined && entry.service !== query.service) return false;
  if (query.state !== undefined && entry.state !== query.state) return false;
  if (query.applicantId !== undefined && entry.applicantId !== query.applicantId) return false;
  if (query.final !== undefined && entry.final !== query.final) return false;
  // A step is overdue once the day after its due date has begun.
  if (query.overdueOn !== undefined && !(entry.stepDue !== null && entry.stepDue < query.overdueOn)) return false;
  return true;
}

function inboxOrder(a: ApplicationIndexEntry, b: ApplicationIndexEntry): number {
  if (a.stepDue !== b.stepDue) {
    if (a.stepDue === null) return 1;
    if (b.stepDue === null) return -1;
    return a.stepDue < b.stepDue ? -1 : 1;
  }
  if (a.receivedAt !== b.receivedAt) return a.receivedAt - b.receivedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
