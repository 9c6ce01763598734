import type { ProcedureFile } from '../../config/types/generated.ts';
import type { Deadline, RegionConfig } from '../../config/types/RegionConfig.ts';
import type { DueDate, IsoDate, PhaseRecord, SuspensionRecord } from '../api.ts';
import type { DeadlineAnchors } from '../calendar/dueDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { ReglamentError } from '../errors.ts';
import { deadlineDue } from './deadlineDue.ts';

/** What an application's due dates are computed from. */
export interface TimelineInput {
  readonly receivedOn: IsoDate;
  readonly registeredOn: IsoDate;
  readonly state: string;
  readonly stepStartedOn: IsoDate;
  readonly milestones: Readonly<Record<string, IsoDate>>;
  readonly submission: unknown;
  readonly data: unknown;
  readonly phases: Readonly<Record<string, PhaseRecord>>;
  readonly suspensions: readonly SuspensionRecord[];
  /** The service total's deadline, or null when the service has none. */
  readonly total: Deadline | null;
}

/** The anchors of an application's deadlines; `stepStart` and `phaseStart` are set per use. */
export function anchorsOf(t: Omit<TimelineInput, 'phases' | 'suspensions' | 'total' | 'state'>): DeadlineAnchors {
  return {
    receipt: t.receivedOn,
    registration: t.registeredOn,
    stepStart: t.stepStartedOn,
    milestones: t.milestones,
    fields: { submission: t.submission, data: t.data },
  };
}

/**
 * Every due date of an application on `asOf`: the current step's (null for a final step, one without a
 * deadline, or one whose anchor is not known yet), the service total's and each open phase's, each
 * moved by the time its clock stood. A phase closed before `asOf` keeps the due date it had.
 *
 * @throws ReglamentError when a step or phase names a deadline the region does not have (a config error)
 */
export function timelineDues(region: RegionConfig, procedure: ProcedureFile, t: TimelineInput, calendar: WorkingCalendar, asOf: IsoDate): { stepDue: DueDate | null; serviceDue: DueDate | null; phases: Record<string, PhaseRecord> } {
  const anchors = anchorsOf(t);
  const due = (d: Deadline, extra?: Partial<DeadlineAnchors>) => deadlineDue(d, extra ? { ...anchors, ...extra } : anchors, calendar, t.suspensions, asOf);
  const deadline = (id: string, where: string) => {
    const d = Object.hasOwn(region.deadlines, id) ? region.deadlines[id] : undefined;
    if (!d) throw new ReglamentError(`${where} names deadline "${id}", which is not in deadlines.yaml of region "${region.id}"`);
    return d;
  };
  const state = procedure.states[t.state];
  const stepDue = !state || state.type === 'final' || state.deadline === undefined ? null : due(deadline(state.deadline, `step "${t.state}"`));
  const phases: Record<string, PhaseRecord> = {};
  for (const [id, p] of Object.entries(t.phases)) {
    const spec = procedure.phases?.find((x) => x.id === id);
    // A phase closed today gets its final due date (a suspension may have ended with it).
    const settled = p.closedOn !== null && p.closedOn !== asOf;
    phases[id] = settled || !spec ? p : { ...p, due: due(deadline(spec.deadline, `phase "${id}"`), { phaseStart: p.startedOn }) };
  }
  return { stepDue, serviceDue: t.total ? due(t.total) : null, phases };
}
