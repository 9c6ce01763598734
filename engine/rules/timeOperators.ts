/**
 * The JSON Logic operators that count days between two dates ("YYYY-MM-DD"): rules that read time
 * (a guard allowing withdrawal only before the service is due, a complaint filed within its window)
 * compare dates with <, <= and ==, and count with these.
 *
 *   {"workingDaysBetween": [a, b]}   working days d with a < d <= b on the region's calendar (negative when b < a)
 *   {"calendarDaysBetween": [a, b]}  b - a in calendar days
 *
 * Working days need the region's calendar: evaluateLogic takes it from the rule data (`CALENDAR`) and
 * holds it for the duration of one synchronous evaluation. Without a calendar (the browser, which never
 * evaluates guards), or given anything but two dates, an operator gives null.
 */
import { toDayNumber } from '../../config/dates/isoDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';

/** Key of the rule data under which the engine passes the region's working calendar; a symbol, so no `var` can read it. */
export const CALENDAR: unique symbol = Symbol('reglament.calendar');

let current: WorkingCalendar | undefined;

/** Runs `evaluate` with `calendar` available to workingDaysBetween. */
export function withCalendar<T>(calendar: WorkingCalendar | undefined, evaluate: () => T): T {
  const outer = current;
  current = calendar;
  try {
    return evaluate();
  } finally {
    current = outer;
  }
}

function dayNumber(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return toDayNumber(value);
  } catch {
    return undefined;
  }
}

export function workingDaysBetween(a: unknown, b: unknown): number | null {
  if (!current || dayNumber(a) === undefined || dayNumber(b) === undefined) return null;
  return current.countWorkingDays(a as string, b as string);
}

export function calendarDaysBetween(a: unknown, b: unknown): number | null {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === undefined || y === undefined ? null : y - x;
}
