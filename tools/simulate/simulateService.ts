import type { Transition } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { DueDate, IsoDate } from '../../engine/api.ts';
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import { dueDate } from '../../engine/calendar/dueDate.ts';
import { registrationDate } from '../../engine/calendar/registrationDate.ts';
import { localDate } from '../../engine/calendar/localDate.ts';
import { ReglamentError } from '../../engine/errors.ts';

/** One step of a simulated run: when it starts and when it is due, if every step before it used its whole limit. */
export interface SimulatedStep {
  readonly state: string;
  readonly title: string;
  readonly role: string | null;
  readonly deadline: { readonly id: string; readonly workingDays: number; readonly from: string; readonly clause: string } | null;
  readonly startedOn: IsoDate;
  readonly due: DueDate | null;
  /** The event that left this step (null for the final state). */
  readonly event: string | null;
}

export interface Simulation {
  /** The local day the application arrived. */
  readonly receivedOn: IsoDate;
  readonly registeredOn: IsoDate;
  readonly steps: readonly SimulatedStep[];
  /** Every choice of the service's total deadline, with the due date it gives. */
  readonly serviceDue: readonly { readonly deadline: string; readonly when: string | null; readonly workingDays: number; readonly from: string; readonly clause: string; readonly due: DueDate | null }[];
  readonly finalState: string;
}

/**
 * "What if" view of a service's deadlines: walks its procedure from the initial state along `path`
 * (events, each optionally "EVENT>target" to pick among guarded transitions; without a path, the first
 * transition of the first event of each state), assuming each step ends on its due date (the worst case).
 */
export function simulateService(region: RegionConfig, serviceId: string, receivedAt: Date, path: readonly string[] = []): Simulation {
  const service = region.services[serviceId];
  if (!service) throw new ReglamentError(`no service "${serviceId}" in region ${region.id} (services: ${Object.keys(region.services).join(', ')})`);
  const procedure = region.procedures[service.procedure];
  const calendar = createWorkingCalendar(region.calendar);
  const registeredOn = registrationDate(receivedAt, { timeZone: region.region.timezone, workingHours: region.region.workingHours, calendar });
  const receivedOn = localDate(receivedAt, region.region.timezone);
  const milestones: Record<string, IsoDate> = { registration: registeredOn };
  const steps: SimulatedStep[] = [];
  let state = procedure.initial;
  let startedOn = registeredOn;
  const remaining = [...path];
  for (let guard = 0; guard < 1000; guard++) {
    const spec = procedure.states[state]!;
    if (spec.milestone && !(spec.milestone in milestones)) milestones[spec.milestone] = startedOn;
    const deadline = spec.deadline ? region.deadlines[spec.deadline] : undefined;
    const due = deadline ? dueDate(deadline, { receipt: receivedOn, registration: registeredOn, stepStart: startedOn, milestones }, calendar) : null;
    const base = {
      state,
      title: spec.title ?? state,
      role: spec.role ?? null,
      deadline: deadline ? { id: deadline.id, workingDays: deadline.workingDays, from: deadline.from, clause: deadline.clause } : null,
      startedOn,
      due,
    };
    if (spec.type === 'final') {
      steps.push({ ...base, event: null });
      break;
    }
    const own = spec.on ?? {};
    const wanted = remaining.shift();
    const [event, target] = wanted ? wanted.split('>') : [Object.keys(own)[0], undefined];
    if (!event) throw new ReglamentError(`state "${state}" accepts no event; give --path`);
    const candidates = ([] as Transition[]).concat((own[event] ?? procedure.on?.[event] ?? []) as Transition | Transition[]);
    if (candidates.length === 0) throw new ReglamentError(`state "${state}" does not accept ${event} (it accepts ${[...Object.keys(own), ...Object.keys(procedure.on ?? {})].join(', ')})`);
    const chosen = target ? candidates.find((t) => t.target === target) : candidates[0];
    if (!chosen) throw new ReglamentError(`${event} from "${state}" cannot go to "${target}" (targets: ${candidates.map((t) => t.target).join(', ')})`);
    steps.push({ ...base, event });
    startedOn = due?.date ?? startedOn;
    state = chosen.target;
  }
  const serviceDue = (service.deadline ?? []).map((choice) => {
    const d = region.deadlines[choice.use];
    return { deadline: d.id, when: choice.when ?? null, workingDays: d.workingDays, from: d.from, clause: d.clause, due: dueDate(d, { receipt: receivedOn, registration: registeredOn, stepStart: registeredOn, milestones }, calendar) };
  });
  return { receivedOn, registeredOn, steps, serviceDue, finalState: state };
}
