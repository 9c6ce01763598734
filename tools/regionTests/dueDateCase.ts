/**
 * A due-date case: the registration day, the service total, each step's and phase's due date and any
 * named deadline's (e.g. a window a guard reads) along a path of events, on the region's calendar (the walk `simulate` and the budget use, which the path
 * tests hold to the engine's own dates).
 */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import { localDate } from '../../engine/calendar/localDate.ts';
import { registrationDate, registrationOptionsOf } from '../../engine/calendar/registrationDate.ts';
import { serviceTotal } from '../../engine/application/serviceTotal.ts';
import { dateAxis } from '../timeline/dateAxis.ts';
import { walkPath, type WalkEvent } from '../timeline/walkPath.ts';
import { compare, foreignExpectations, type CaseProblems, type RegionCase } from './RegionCase.ts';

const KEYS = ['registeredOn', 'serviceDue', 'steps', 'phases', 'deadlines', 'state'];

export function runDueDateCase(config: RegionConfig, c: RegionCase): CaseProblems {
  const problems = foreignExpectations(c, KEYS);
  const service = Object.hasOwn(config.services, c.service) ? config.services[c.service] : undefined;
  if (!service) return [`service "${c.service}" does not exist`];
  const received = new Date(c.received);
  const calendar = createWorkingCalendar(config.calendar);
  const registeredOn = registrationDate(received, registrationOptionsOf(config.region, calendar));
  const submission = c.submission ?? {};
  const axis = dateAxis(calendar, localDate(received, config.region.timezone), registeredOn, { submission, data: {} });
  const events: WalkEvent[] = (c.path ?? []).map((p) => (typeof p === 'string' ? { event: p } : { event: p.event, ...(p.to ? { target: p.to } : {}), ...(p.on ? { on: p.on } : {}), ...(p.after !== undefined ? { after: p.after } : {}) }));
  const walk = walkPath(config, service.procedure, events, axis);
  if (events.length > 0 && walk.steps.length < events.length + 1) problems.push(`the path stopped in "${walk.state}" after ${walk.steps.length - 1} of its ${events.length} events`);
  const total = serviceTotal(config, c.service, submission);
  const steps: Record<string, string | null> = {};
  for (const s of walk.steps) if (s.deadline) steps[s.state] = s.due;
  const phases: Record<string, string | null> = {};
  for (const p of walk.phases) phases[p.id] = p.due;
  const got = {
    registeredOn,
    serviceDue: total ? walk.dueOf(total, 'limit') : null,
    state: walk.state,
    steps: Object.fromEntries(Object.keys(c.expect.steps ?? {}).map((k) => [k, steps[k] ?? null])),
    phases: Object.fromEntries(Object.keys(c.expect.phases ?? {}).map((k) => [k, phases[k] ?? null])),
    deadlines: Object.fromEntries(
      Object.keys(c.expect.deadlines ?? {}).map((k) => [k, Object.hasOwn(config.deadlines, k) ? walk.dueOf(config.deadlines[k]!, 'limit') : `no deadline "${k}"`]),
    ),
  };
  return [...problems, ...compare(c.expect as Record<string, unknown>, got, KEYS)];
}
