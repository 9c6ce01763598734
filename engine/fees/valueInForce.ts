import type { Fee, FeeValue } from '../../config/types/RegionConfig.ts';
import type { IsoDate } from '../api.ts';

/**
 * The dated value of a fee in force on `onDate`: the one with the latest `from` not after it (values may
 * be listed in any order). Undefined before the first value. A value with `amount: null` is returned as
 * is: it means the fee ended on that date.
 */
export function valueInForce(fee: Fee, onDate: IsoDate): FeeValue | undefined {
  let best: FeeValue | undefined;
  // "YYYY-MM-DD" strings compare in calendar order.
  for (const v of fee.values) if (v.from <= onDate && (!best || v.from > best.from)) best = v;
  return best;
}
