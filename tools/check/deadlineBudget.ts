/**
 * The timing of one path for the deadline budget: the shared walk (tools/timeline/walkPath.ts) on the
 * working-day axis, every step using its whole limit. Days are working days after registration
 * (registration = day 0); a receipt within office hours is day 0, one on a non-working day or after
 * hours day -1, and both are timed, since a total counted from receipt is a day shorter in the second.
 */
import type { Deadline, RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ProcedureFile } from '../../config/types/generated.ts';
import { walkPath, type Walk } from '../timeline/walkPath.ts';
import { workingDayAxis } from '../timeline/workingDayAxis.ts';
import type { Path } from './procedureGraph.ts';

/** When the filing arrives relative to its registration: the same working day, or before it (a non-working day, after hours). */
export type Arrival = 'sameDay' | 'earlier';
export const ARRIVALS: readonly Arrival[] = ['sameDay', 'earlier'];

/** Problems met while timing a path. */
export type TimingIssue =
  | { readonly kind: 'no-deadline'; readonly state: string }
  | { readonly kind: 'anchor-unreached'; readonly state: string; readonly anchor: string }
  /** The step counts from a date written in a form: no path can place it. */
  | { readonly kind: 'field-anchor'; readonly state: string; readonly anchor: string }
  | { readonly kind: 'due-before-start'; readonly state: string; readonly start: number; readonly due: number };

export interface PathTiming {
  readonly path: Path;
  readonly arrival: Arrival;
  readonly walk: Walk<number>;
  /** The day the final state is entered at the latest. */
  readonly total: number;
  readonly issues: readonly TimingIssue[];
}

/** Worst-case timing of one path. */
export function timePath(config: RegionConfig, procedure: ProcedureFile, path: Path, arrival: Arrival = 'sameDay'): PathTiming {
  const walk = walkPath(config, procedure.id, path.edges.map((e) => ({ event: e.event, target: e.target })), workingDayAxis(config.calendar, arrival === 'sameDay' ? 0 : -1));
  const issues: TimingIssue[] = [];
  for (const s of walk.steps) {
    if (procedure.states[s.state]?.type === 'final') continue;
    if (!s.deadline) issues.push({ kind: 'no-deadline', state: s.state });
    else if (s.unknownAnchor !== undefined) {
      const field = s.unknownAnchor.startsWith('submission.') || s.unknownAnchor.startsWith('data.');
      issues.push({ kind: field ? 'field-anchor' : 'anchor-unreached', state: s.state, anchor: s.unknownAnchor });
    }
    else if (s.due !== null && s.due < s.start) issues.push({ kind: 'due-before-start', state: s.state, start: s.start, due: s.due });
  }
  return { path, arrival, walk, total: walk.end, issues };
}

/** The limit a total or phase deadline gives on a timed path, in working days after registration; null when it cannot be counted there. */
export function limitOn(timing: PathTiming, deadline: Deadline): number | null {
  return timing.walk.dueOf(deadline, 'limit');
}
