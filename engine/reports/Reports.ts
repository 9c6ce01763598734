import type { IsoDate } from '../api.ts';

/** A count per step of a service. */
export interface StepCount {
  readonly service: string;
  readonly serviceTitle: string;
  readonly state: string;
  readonly stepTitle: string;
  readonly count: number;
}

/** How long finished visits of a step took, in working days, against the step's limit. */
export interface StepTime {
  readonly service: string;
  readonly serviceTitle: string;
  readonly state: string;
  readonly stepTitle: string;
  /** Finished visits of the step. */
  readonly visits: number;
  readonly median: number;
  readonly p90: number;
  /** The step's limit in working days (deadlines.yaml), null when it has none or counts calendar days. */
  readonly limit: number | null;
  /** What the limit counts from: "stepStart", "registration", "receipt" or a milestone. */
  readonly limitFrom: string | null;
  /** Visits that took longer than the limit (only for a limit counted from the step's start, else null). */
  readonly overLimit: number | null;
}

/** The head's, coordinator's and control role's view of a region's work, computed from the store's applications. */
export interface Reports {
  readonly region: string;
  /** The day the report was computed (region time): "overdue" means overdue on this day. */
  readonly today: IsoDate;
  readonly openByStep: readonly StepCount[];
  readonly overdueByStep: readonly StepCount[];
  /** Overdue open cases by who holds them (userId null: nobody). */
  readonly overdueByOfficer: readonly { readonly userId: string | null; readonly name: string; readonly count: number }[];
  readonly stepTimes: readonly StepTime[];
  /** Per month (region time): applications received, and applications that reached a final step. */
  readonly perMonth: readonly { readonly month: string; readonly filed: number; readonly decided: number }[];
}
