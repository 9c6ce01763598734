import type { ApplicationRecord, CaseRow, IsoDate } from '../api.ts';
import { caseRowOf } from '../inbox/caseRow.ts';

/** The part of an application a store keeps in memory to filter, sort and page without reading records. */
export interface ApplicationIndexEntry {
  readonly id: string;
  readonly region: string;
  readonly service: string;
  readonly state: string;
  readonly final: boolean;
  readonly applicantId: string;
  readonly stepDue: IsoDate | null;
  /** Milliseconds since the epoch, so instants written with different offsets compare correctly. */
  readonly receivedAt: number;
  readonly version: number;
  /** The inbox row (absent in index lines written before the inbox had rows: init reads the record then). */
  readonly row?: CaseRow;
}

/** The index entry of an application record. */
export function indexEntryOf(app: ApplicationRecord): ApplicationIndexEntry {
  return {
    id: app.id,
    region: app.region,
    service: app.service,
    state: app.state,
    final: app.final,
    applicantId: app.applicantId,
    stepDue: app.stepDue?.date ?? null,
    receivedAt: Date.parse(app.receivedAt),
    version: app.version,
    // A copy: the caller may change its record's objects once written.
    row: structuredClone(caseRowOf(app)),
  };
}
