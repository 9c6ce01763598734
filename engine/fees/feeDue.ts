import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { FeeDue, IsoDate } from '../api.ts';
import { NotFoundError, ReglamentError } from '../errors.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';
import { valueInForce } from './valueInForce.ts';

const own = <T>(record: Readonly<Record<string, T>>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined;

/**
 * The fee an application to `serviceId` owes, with the amounts in force on `onDate` (the registration
 * date). The service's first fee choice whose rule holds (or that has none) picks the fee; its dated
 * value gives the amount; then the service's first exemption whose rule holds makes it 0. A service
 * without fee choices is free. Config mistakes (unknown fee, no choice applies, no amount in force) throw
 * ReglamentError; an unknown service is a NotFoundError.
 *
 * At filing the rules read the application form alone. `applicationData` (what the steps recorded,
 * `application.data`) is given when a step asks to choose the fee again (the recomputeFee effect), so an
 * exemption the authority finds, such as its own error being corrected, can apply.
 */
export function feeDue(region: RegionConfig, serviceId: string, submission: unknown, onDate: IsoDate, applicationData?: Readonly<Record<string, unknown>>): FeeDue {
  const service = own(region.services, serviceId);
  if (!service) throw new NotFoundError(`service "${serviceId}" is not offered in region "${region.id}"`);
  if (!service.fee) return { feeId: null, title: null, amount: 0, clause: null, exemption: null };

  const data = { submission, application: { data: applicationData ?? {} } };
  const choice = service.fee.find((c) => c.when === undefined || evaluateRule(region, c.when, data));
  if (!choice) throw new ReglamentError(`no fee choice of service "${serviceId}" applies and none is a default`);
  const fee = own(region.fees, choice.use);
  if (!fee) throw new ReglamentError(`service "${serviceId}" uses unknown fee "${choice.use}"`);

  const value = valueInForce(fee, onDate);
  if (!value || value.amount === null) {
    throw new ReglamentError(`fee ${fee.id} has no amount in force on ${onDate}`);
  }

  for (const id of service.exemptions ?? []) {
    const exemption = own(region.exemptions, id);
    if (!exemption) throw new ReglamentError(`service "${serviceId}" uses unknown exemption "${id}"`);
    if (evaluateRule(region, exemption.when, data)) {
      return {
        feeId: fee.id,
        title: fee.title,
        amount: 0,
        clause: value.clause,
        exemption: { id: exemption.id, title: exemption.title, clause: exemption.clause },
      };
    }
  }
  return { feeId: fee.id, title: fee.title, amount: value.amount, clause: value.clause, exemption: null };
}
