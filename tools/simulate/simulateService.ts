import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { termText } from '../../config/dates/deadlineTerm.ts';
import type { DueDate, IsoDate } from '../../engine/api.ts';
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import { localDate } from '../../engine/calendar/localDate.ts';
import { registrationOf, registrationOptionsOf, type RegistrationRule } from '../../engine/calendar/registrationDate.ts';
import { ReglamentError } from '../../engine/errors.ts';
import { dateAxis } from '../timeline/dateAxis.ts';
import { walkPath, type WalkEvent } from '../timeline/walkPath.ts';

/** A deadline as simulate shows it. */
export interface SimulatedDeadline {
  readonly id: string;
  /** "35 working days", "30 calendar days". */
  readonly term: string;
  readonly from: string;
  readonly clause: string;
}

/** One step of a simulated run: when it starts and when it is due, if every step before it used its whole limit (or left when the path says). */
export interface SimulatedStep {
  readonly state: string;
  readonly title: string;
  readonly role: string | null;
  readonly deadline: SimulatedDeadline | null;
  readonly startedOn: IsoDate;
  readonly due: DueDate | null;
  /** The event that left this step (null for the last state). */
  readonly event: string | null;
  readonly leftOn: IsoDate | null;
}

export interface SimulatedPhase {
  readonly id: string;
  readonly title: string;
  readonly deadline: SimulatedDeadline;
  readonly startedOn: IsoDate;
  readonly due: DueDate | null;
  readonly closedOn: IsoDate | null;
}

export interface Simulation {
  /** The local day the application arrived. */
  readonly receivedOn: IsoDate;
  readonly registeredOn: IsoDate;
  /** Which rule of region.yaml gave the registration day. */
  readonly registration: RegistrationRule;
  readonly steps: readonly SimulatedStep[];
  readonly phases: readonly SimulatedPhase[];
  /** Every choice of the service's total deadline, with the due date it gives at the end of the path. */
  readonly serviceDue: readonly (SimulatedDeadline & { readonly deadline: string; readonly when: string | null; readonly due: DueDate | null })[];
  readonly finalState: string;
}

/**
 * Parses one `--path` item: "EVENT", "EVENT>target", each optionally followed by "@YYYY-MM-DD" (sent on
 * that day) or "+N" (sent N working days after the step it leaves began, e.g. the applicant's answer
 * three days after a request: a pause of the clocks the waiting step stops).
 */
export function parsePathItem(item: string): WalkEvent {
  const m = /^([A-Z][A-Z0-9_]*)(?:>([a-zA-Z][a-zA-Z0-9_-]*))?(?:@(\d{4}-\d{2}-\d{2})|\+(\d+))?$/.exec(item.trim());
  if (!m) throw new ReglamentError(`path item "${item}" is not EVENT, EVENT>state, EVENT@YYYY-MM-DD or EVENT+N`);
  return { event: m[1], ...(m[2] ? { target: m[2] } : {}), ...(m[3] ? { on: m[3] } : {}), ...(m[4] ? { after: Number(m[4]) } : {}) };
}

/**
 * "What if" view of a service's deadlines: walks its procedure from the initial state along `path`
 * (without a path, the first transition of the first event of each state, to a final state), each
 * event on the due date of the step it leaves unless the path says when, on the region's real calendar
 * (tools/timeline: the walk the deadline budget uses too).
 */
export function simulateService(region: RegionConfig, serviceId: string, receivedAt: Date, path: readonly (string | WalkEvent)[] = [], submission: unknown = {}): Simulation {
  const service = Object.hasOwn(region.services, serviceId) ? region.services[serviceId] : undefined;
  if (!service) throw new ReglamentError(`no service "${serviceId}" in region ${region.id} (services: ${Object.keys(region.services).join(', ')})`);
  const procedure = region.procedures[service.procedure]!;
  const calendar = createWorkingCalendar(region.calendar);
  const registration = registrationOf(receivedAt, registrationOptionsOf(region.region, calendar));
  const receivedOn = localDate(receivedAt, region.region.timezone);
  const axis = dateAxis(calendar, receivedOn, registration.date, { submission, data: {} });
  const events = path.length > 0 ? path.map((p) => (typeof p === 'string' ? parsePathItem(p) : p)) : firstEvents(region, service.procedure);
  const walk = walkPath(region, service.procedure, events, axis);
  const due = (date: IsoDate | null): DueDate | null => (date === null ? null : { date, provisional: axis.provisional.has(date) });
  const shown = (id: string) => {
    const d = region.deadlines[id]!;
    return { id: d.id, term: termText(d), from: d.from, clause: d.clause };
  };
  return {
    receivedOn,
    registeredOn: registration.date,
    registration: registration.rule,
    steps: walk.steps.map((s) => {
      const spec = procedure.states[s.state]!;
      return { state: s.state, title: spec.title ?? s.state, role: spec.role ?? null, deadline: s.deadline ? shown(s.deadline.id) : null, startedOn: s.start, due: due(s.due), event: s.event, leftOn: s.left };
    }),
    phases: walk.phases.map((p) => ({
      id: p.id,
      title: procedure.phases!.find((x) => x.id === p.id)!.title,
      deadline: shown(p.deadline.id),
      startedOn: p.start,
      due: due(p.due),
      closedOn: p.end,
    })),
    serviceDue: (service.deadline ?? []).map((choice) => {
      const d = region.deadlines[choice.use]!;
      return { ...shown(d.id), deadline: d.id, when: choice.when ?? null, due: due(walk.dueOf(d, 'limit')) };
    }),
    finalState: walk.state,
  };
}

/** Without a path: from each state the first transition of its first own event, until a final state (or a state visited twice). */
function firstEvents(region: RegionConfig, procedureId: string): WalkEvent[] {
  const procedure = region.procedures[procedureId]!;
  const events: WalkEvent[] = [];
  const seen = new Set<string>();
  let state = procedure.initial;
  while (procedure.states[state]?.type !== 'final' && !seen.has(state)) {
    seen.add(state);
    const own = procedure.states[state]?.on ?? {};
    const event = Object.keys(own)[0];
    if (!event) throw new ReglamentError(`state "${state}" accepts no event of its own; give --path`);
    const first = ([] as { target: string }[]).concat(own[event] as never)[0]!;
    events.push({ event, target: first.target });
    state = first.target;
  }
  return events;
}
