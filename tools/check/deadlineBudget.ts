/**
 * The deadline budget of a service: along every simple path from the initial state to a final state,
 * the latest day each step can end if every earlier step uses its full time, compared with the service's
 * total. Days are counted as working days after registration (registration = day 0): every anchor is a
 * working day (registration, or an earlier step's due date), so the count does not depend on the
 * calendar and one result holds for any registration date.
 */
import type { Deadline, RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ProcedureFile } from '../../config/types/generated.ts';
import type { Path } from './procedureGraph.ts';

/** One step of a path with its worst-case timing, in working days after registration. */
export interface StepTiming {
  readonly state: string;
  /** The latest day the step can begin. */
  readonly start: number;
  /** The step's due date, or null when it has no deadline or its anchor is not reached. */
  readonly due: number | null;
  readonly deadline?: Deadline;
}

/** Problems met while timing a path. */
export type TimingIssue =
  | { readonly kind: 'no-deadline'; readonly state: string }
  | { readonly kind: 'anchor-unreached'; readonly state: string; readonly anchor: string }
  | { readonly kind: 'due-before-start'; readonly state: string; readonly start: number; readonly due: number };

export interface PathTiming {
  readonly path: Path;
  readonly steps: readonly StepTiming[];
  /** The day the final state is entered at the latest. */
  readonly total: number;
  readonly issues: readonly TimingIssue[];
}

/** Working days a deadline adds to its anchor (the engine's dueDate on a working-day anchor). */
export function span(d: Deadline): number {
  return d.sameDay && d.workingDays >= 1 ? d.workingDays - 1 : d.workingDays;
}

/** Worst-case timing of one path. */
export function timePath(config: RegionConfig, procedure: ProcedureFile, path: Path): PathTiming {
  const milestones = new Map<string, number>([['receipt', 0], ['registration', 0]]);
  const steps: StepTiming[] = [];
  const issues: TimingIssue[] = [];
  let t = 0;
  for (const state of path.states) {
    const s = procedure.states[state];
    if (s?.milestone) milestones.set(s.milestone, t);
    if (!s || s.type === 'final') break;
    const deadline = s.deadline ? config.deadlines[s.deadline] : undefined;
    if (!deadline) {
      issues.push({ kind: 'no-deadline', state });
      steps.push({ state, start: t, due: null });
      continue;
    }
    const anchor = deadline.from === 'stepStart' ? t : milestones.get(deadline.from);
    if (anchor === undefined) {
      issues.push({ kind: 'anchor-unreached', state, anchor: deadline.from });
      steps.push({ state, start: t, due: null, deadline });
      continue;
    }
    const due = anchor + span(deadline);
    if (due < t) issues.push({ kind: 'due-before-start', state, start: t, due });
    steps.push({ state, start: t, due, deadline });
    // A step cannot end before it begins, even when its own limit has already passed.
    t = Math.max(t, due);
  }
  return { path, steps, total: t, issues };
}

/** The service total's limit in working days after registration (receipt counts as the registration day: the budget assumes a filing within office hours), or null when it counts from a milestone (not known at registration). */
export function limitOf(d: Deadline): number | null {
  return d.from === 'receipt' || d.from === 'registration' || d.from === 'stepStart' ? span(d) : null;
}
