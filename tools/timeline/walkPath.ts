/**
 * The one walk along a path of a procedure that `simulate`, the region due-date cases and `check`'s
 * deadline budget all use: from the initial state, event by event, it records milestones, opens and
 * closes phases (the engine's own phaseChanges), stops and restarts clocks, and gives every step and
 * phase its due date. What a "day" is comes from the axis: real dates on the region's calendar
 * (dateAxis.ts, the engine's own arithmetic) or working days after registration (workingDayAxis.ts,
 * which holds for every registration date).
 *
 * An event is sent on the due date of the step it leaves (the worst case: every step uses its whole
 * limit), on a given date, or a given number of working days after the step began; a step never ends
 * before it begins.
 */
import type { Transition } from '../../config/types/generated.ts';
import type { Deadline, RegionConfig } from '../../config/types/RegionConfig.ts';
import { termOf } from '../../config/dates/deadlineTerm.ts';
import type { IsoDate } from '../../engine/api.ts';
import { ReglamentError } from '../../engine/errors.ts';
import { phaseChanges } from '../../engine/timeline/phaseChanges.ts';

/** What a day is, and how a deadline is counted on it. */
export interface Axis<T> {
  readonly receipt: T;
  readonly registration: T;
  /**
   * The due day of `deadline` counted from `anchor` and moved by `stood` (in the deadline's unit), or null
   * when this axis cannot count it. `role` says which way an axis that can only bound a term errs: a step's
   * due is bounded from above, a limit's from below, so a budget is never reported met when it might not be.
   */
  due(deadline: Deadline, anchor: T, stood: number, role: 'step' | 'limit'): T | null;
  /** How long a clock in the deadline's unit stood from `from` to `to`. */
  stood(deadline: Deadline, from: T, to: T): number;
  /** `start` plus `workingDays` working days. */
  after(start: T, workingDays: number): T;
  /** The day `date`; an axis without real dates cannot say. */
  on(date: IsoDate): T;
  /** The value of a date field ("submission.x.y", "data.EVENT.x"), when the axis knows the application's data. */
  field(path: string): T | undefined;
  compare(a: T, b: T): number;
}

/** One event of a walk: which transition it takes and when it is sent. */
export interface WalkEvent {
  readonly event: string;
  /** The state it leads to; the first transition of the event when omitted. */
  readonly target?: string;
  readonly on?: IsoDate;
  /** Working days after the step began. */
  readonly after?: number;
}

export interface WalkedStep<T> {
  readonly state: string;
  readonly start: T;
  readonly deadline?: Deadline;
  /** Null when the step has no deadline or its anchor is not known on this path. */
  readonly due: T | null;
  /** The anchor the deadline counts from, when it was not known (a milestone not reached, an empty date field). */
  readonly unknownAnchor?: string;
  /** The event that left the step and when, or null for the last state. */
  readonly event: string | null;
  readonly left: T | null;
}

export interface WalkedPhase<T> {
  readonly id: string;
  readonly deadline: Deadline;
  readonly start: T;
  /** Null when its limit cannot be counted (an unknown anchor, or the axis cannot count it). */
  readonly due: T | null;
  /** When the phase closed; null if the path ended with it open. */
  readonly end: T | null;
}

export interface Walk<T> {
  readonly steps: readonly WalkedStep<T>[];
  readonly phases: readonly WalkedPhase<T>[];
  /** The last state reached and when. */
  readonly state: string;
  readonly end: T;
  /** Milestone -> when it was reached. */
  readonly milestones: Readonly<Record<string, T>>;
  /** Due day of a deadline counted from its anchor on this walk, moved by every suspension of its clock. */
  dueOf(deadline: Deadline, role: 'step' | 'limit'): T | null;
}

interface Suspension<T> {
  deadlines: readonly string[];
  since: T;
  until: T | null;
  resumed: T | null;
  by: string;
}

/**
 * Walks `events` from the procedure's initial state. Throws ReglamentError (a sentence for the CLI)
 * when an event is not accepted where the path says or cannot reach the named target.
 */
export function walkPath<T>(config: RegionConfig, procedureId: string, events: readonly WalkEvent[], axis: Axis<T>): Walk<T> {
  const procedure = config.procedures[procedureId]!;
  const milestones = new Map<string, T>([['registration', axis.registration]]);
  const steps: WalkedStep<T>[] = [];
  const suspensions: Suspension<T>[] = [];
  const max = (a: T, b: T) => (axis.compare(a, b) >= 0 ? a : b);
  // Phases go through the engine's own bookkeeping; its "dates" are indexes into `times`, so any axis fits.
  const times: T[] = [];
  const tick = (t: T) => String(times.push(t) - 1);
  let phases: Record<string, { startedOn: string; due: null; closedOn: string | null }> = {};

  const anchorOf = (from: string, stepStart: T, phaseStart?: T): T | undefined => {
    if (from === 'receipt') return axis.receipt;
    if (from === 'stepStart') return stepStart;
    if (from === 'phaseStart') return phaseStart;
    if (from.startsWith('submission.') || from.startsWith('data.')) return axis.field(from);
    return milestones.get(from);
  };
  const stoodSince = (d: Deadline, anchor: T, now: T): number =>
    suspensions
      .filter((s) => s.deadlines.includes(d.id))
      .reduce((sum, s) => {
        const from = max(s.since, anchor);
        let to = s.resumed ?? s.until ?? now;
        if (s.until !== null && axis.compare(s.until, to) < 0) to = s.until;
        return axis.compare(to, from) > 0 ? sum + axis.stood(d, from, to) : sum;
      }, 0);
  const dueAt = (d: Deadline, stepStart: T, now: T, role: 'step' | 'limit', phaseStart?: T) => {
    const anchor = anchorOf(d.from, stepStart, phaseStart);
    return anchor === undefined ? { anchor } : { anchor, due: axis.due(d, anchor, stoodSince(d, anchor, now), role) };
  };
  // A suspension's limit counted like the step's own limit when they are the same deadline (the waiting
  // step lasts exactly as long as the clocks may stand), and as a limit otherwise.
  const suspend = (by: string, deadlines: readonly string[], atMost: string | undefined, at: T, stepDeadline?: string) => {
    const limit = atMost !== undefined ? config.deadlines[atMost] : undefined;
    const until = limit ? axis.due(limit, at, 0, atMost === stepDeadline ? 'step' : 'limit') : null;
    suspensions.push({ deadlines, since: at, until, resumed: null, by });
  };
  const resume = (which: (s: Suspension<T>) => boolean, at: T) => {
    for (const s of suspensions) if (s.resumed === null && which(s)) s.resumed = at;
  };

  let state = procedure.initial;
  let t = axis.registration;
  const enter = (from: string | null, to: string, at: T) => {
    const spec = procedure.states[to];
    if (spec?.milestone && !milestones.has(spec.milestone)) milestones.set(spec.milestone, at);
    phases = phaseChanges(procedure, phases, from, to, tick(at)) as typeof phases;
    if (spec?.type === 'final') resume(() => true, at);
    else if (spec?.suspends) suspend(`state:${to}`, spec.suspends.deadlines, spec.suspends.atMost, at, spec.deadline);
  };
  enter(null, state, t);

  for (let i = 0; ; i++) {
    const spec = procedure.states[state]!;
    const deadline = spec.deadline !== undefined ? config.deadlines[spec.deadline] : undefined;
    const timed = deadline ? dueAt(deadline, t, t, 'step') : undefined;
    const base = { state, start: t, ...(deadline ? { deadline } : {}), due: timed?.due ?? null, ...(deadline && timed?.anchor === undefined ? { unknownAnchor: deadline.from } : {}) };
    const next = events[i];
    if (spec.type === 'final' || !next) {
      steps.push({ ...base, event: null, left: null });
      break;
    }
    const transition = pick(procedure, state, next);
    const wanted = next.on !== undefined ? axis.on(next.on) : next.after !== undefined ? axis.after(t, next.after) : (base.due ?? t);
    const left = max(t, wanted);
    steps.push({ ...base, event: next.event, left });
    if (spec.suspends) resume((s) => s.by === `state:${state}`, left);
    if (transition.resume) resume((s) => s.deadlines.some((d) => transition.resume!.includes(d)), left);
    if (transition.suspend) suspend(`event:${next.event}`, transition.suspend.deadlines, transition.suspend.atMost, left);
    enter(state, transition.target, left);
    state = transition.target;
    t = left;
  }

  const walkedPhases: WalkedPhase<T>[] = [];
  for (const phase of procedure.phases ?? []) {
    const record = phases[phase.id];
    const deadline = config.deadlines[phase.deadline];
    if (!record || !deadline) continue;
    const start = times[Number(record.startedOn)]!;
    const end = record.closedOn === null ? null : times[Number(record.closedOn)]!;
    walkedPhases.push({ id: phase.id, deadline, start, due: dueAt(deadline, start, end ?? t, 'limit', start).due ?? null, end });
  }
  return {
    steps,
    phases: walkedPhases,
    state,
    end: t,
    milestones: Object.fromEntries(milestones),
    dueOf: (d, role) => dueAt(d, t, t, role).due ?? null,
  };
}

/** The transition `event` takes from `state`: the state's own before the procedure-wide ones (the engine's order); the one to `target`, or the first. */
function pick(procedure: RegionConfig['procedures'][string], state: string, event: WalkEvent): Transition {
  const own = procedure.states[state]?.on ?? {};
  const listed = (spec: Transition | Transition[] | undefined) => (spec === undefined ? [] : ([] as Transition[]).concat(spec));
  const candidates = [...listed(Object.hasOwn(own, event.event) ? own[event.event] : undefined), ...listed(procedure.on?.[event.event])];
  if (candidates.length === 0) {
    throw new ReglamentError(`state "${state}" does not accept ${event.event} (it accepts ${[...new Set([...Object.keys(own), ...Object.keys(procedure.on ?? {})])].join(', ')})`);
  }
  const chosen = event.target !== undefined ? candidates.find((c) => c.target === event.target) : candidates[0];
  if (!chosen) throw new ReglamentError(`${event.event} from "${state}" cannot go to "${event.target}" (targets: ${candidates.map((c) => c.target).join(', ')})`);
  return chosen;
}

/** The unit a deadline's clock runs in (for messages). */
export const unitOf = (d: Deadline) => termOf(d).unit;
