import type { ApplicationRecord, CaseRow, DueDate } from '../api.ts';
import { searchTextOf } from './searchText.ts';

/** The application's readable number, once the record carries one. */
export function numberOf(app: ApplicationRecord): string | null {
  const number = (app as { readonly number?: unknown }).number;
  return typeof number === 'string' && number !== '' ? number : null;
}

/**
 * The due date of the open phase that falls due first (procedure `phases`: a phase is open from its
 * first step until it closes), or null when no phase with a known due date is open.
 */
export function phaseDueOf(app: ApplicationRecord): DueDate | null {
  let first: DueDate | null = null;
  for (const phase of Object.values(app.phases ?? {})) {
    if (phase.closedOn !== null || phase.due === null) continue;
    if (first === null || phase.due.date < first.date) first = phase.due;
  }
  return first;
}

/** The inbox row of an application record (what stores index and return for lists). */
export function caseRowOf(app: ApplicationRecord): CaseRow {
  const summary = app.summary;
  return {
    id: app.id,
    number: numberOf(app),
    region: app.region,
    service: app.service,
    serviceTitle: summary?.serviceTitle ?? app.service,
    state: app.state,
    stepTitle: summary?.stepTitle ?? app.state,
    stepRole: summary?.stepRole ?? null,
    final: app.final,
    outcome: app.outcome,
    applicantId: app.applicantId,
    applicantName: summary?.applicantName ?? null,
    applicantIds: summary?.applicantIds ?? [],
    licences: [...new Set([...(summary?.licences ?? []), ...(app.licence ? [app.licence] : [])])],
    assignee: app.assignee ?? null,
    receivedAt: app.receivedAt,
    stepDue: app.stepDue,
    phaseDue: phaseDueOf(app),
    serviceDue: app.serviceDue,
    version: app.version,
  };
}

/** What inbox search looks in: number, id, applicant name and identifiers, licence numbers (normalized). */
export function caseSearchText(row: CaseRow): string {
  return searchTextOf([row.number, row.id, row.applicantName, ...row.applicantIds.map((i) => i.value), ...row.licences]);
}
