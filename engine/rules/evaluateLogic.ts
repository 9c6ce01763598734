import { ReglamentError } from '../errors.ts';
import { jsonLogic } from './jsonLogic.ts';
import type { RuleData } from './RuleData.ts';
import { CALENDAR, withCalendar } from './timeOperators.ts';
import { validateLogic } from './validateLogic.ts';

// Rules come from frozen config, so an expression checked once stays valid.
const checked = new WeakSet<object>();

/**
 * Evaluates a JSON Logic expression against rule data and returns its raw value. Refuses (ReglamentError)
 * an expression with problems (see validateLogic) instead of running it.
 */
export function evaluateLogic(logic: unknown, data: RuleData): unknown {
  if (logic !== null && typeof logic === 'object' && !checked.has(logic)) {
    const problems = validateLogic(logic);
    if (problems.length > 0) throw new ReglamentError(`invalid rule: ${problems.join('; ')}`);
    checked.add(logic);
  }
  try {
    return withCalendar(data[CALENDAR], () => jsonLogic.apply(logic as Parameters<typeof jsonLogic.apply>[0], data));
  } catch (e) {
    // e.g. {"in": [x, {"var": "submission.obj"}]} where the data has an own "indexOf" that is not a function.
    throw new ReglamentError(`rule failed on this data: ${(e as Error).message}`);
  }
}
