import type { Deadline, RegionConfig } from '../../config/types/RegionConfig.ts';
import { ReglamentError } from '../errors.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';

/**
 * The deadline that is the service's total for an application: the first of the service's `deadline`
 * choices whose rule holds for the submission (or that has no rule). Null when the service sets no
 * total (the regulation gives only step limits).
 *
 * @throws ReglamentError (a config error) when no choice applies or the deadline is unknown
 */
export function serviceTotal(region: RegionConfig, serviceId: string, submission: unknown): Deadline | null {
  const service = region.services[serviceId]!;
  if (!service.deadline) return null;
  const choice = service.deadline.find((c) => c.when === undefined || evaluateRule(region, c.when, { submission }));
  if (!choice) throw new ReglamentError(`no deadline choice of service "${serviceId}" applies and none is a default`);
  const deadline = Object.hasOwn(region.deadlines, choice.use) ? region.deadlines[choice.use] : undefined;
  if (!deadline) throw new ReglamentError(`service "${serviceId}" uses unknown deadline "${choice.use}"`);
  return deadline;
}
