import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { DueDate, IsoDate } from '../api.ts';
import { dueDate } from '../calendar/dueDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { ReglamentError } from '../errors.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';

/**
 * The service's total deadline for an application: the first of the service's `deadline` choices whose
 * rule holds for the submission (or that has no rule), counted from receipt or registration.
 *
 * Null when the service sets no total (the regulation gives only step limits).
 *
 * @throws ReglamentError (a config error) when no choice applies, the deadline is unknown, or it counts
 *         from a milestone an application does not have when it is registered
 */
export function serviceDueDate(
  region: RegionConfig,
  serviceId: string,
  submission: unknown,
  registeredOn: IsoDate,
  receivedOn: IsoDate,
  calendar: WorkingCalendar,
): DueDate | null {
  const service = region.services[serviceId]!;
  if (!service.deadline) return null;
  const choice = service.deadline.find((c) => c.when === undefined || evaluateRule(region, c.when, { submission }));
  if (!choice) throw new ReglamentError(`no deadline choice of service "${serviceId}" applies and none is a default`);
  const deadline = Object.hasOwn(region.deadlines, choice.use) ? region.deadlines[choice.use] : undefined;
  if (!deadline) throw new ReglamentError(`service "${serviceId}" uses unknown deadline "${choice.use}"`);
  const due = dueDate(deadline, { receipt: receivedOn, registration: registeredOn, stepStart: registeredOn, milestones: { registration: registeredOn } }, calendar);
  if (!due) throw new ReglamentError(`deadline "${deadline.id}" of service "${serviceId}" counts from "${deadline.from}", which a new application has not reached`);
  return due;
}
