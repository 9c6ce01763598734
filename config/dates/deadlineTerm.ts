/**
 * How a deadline of deadlines.yaml counts: its number of days, their unit and the counting rule. The
 * loader, the engine and the tools read a deadline through this one function, so a calendar-day term is
 * never mistaken for a working-day one.
 */
import type { Deadline } from '../types/RegionConfig.ts';

/** Working days of the production calendar, or calendar days. */
export type DayUnit = 'working' | 'calendar';

/** workingDays: every working day after the anchor; civilCode: calendar days, a last day that is not a working day moves to the next working day (Civil Code art. 191, 193); calendarEndStays: calendar days, the last day stays. */
export type CountingRule = 'workingDays' | 'civilCode' | 'calendarEndStays';

export interface Term {
  readonly days: number;
  readonly unit: DayUnit;
  readonly rule: CountingRule;
  /** The anchor day is day 1 («в день поступления»). */
  readonly sameDay: boolean;
}

/**
 * The term of a deadline. A deadline the loader accepted has exactly one of workingDays and
 * calendarDays; a calendar-day one without `counting` (refused by the loader) counts by the Civil Code.
 */
export function termOf(deadline: Deadline): Term {
  const sameDay = deadline.sameDay === true;
  if (deadline.calendarDays !== undefined) {
    const rule = deadline.counting?.rule === 'calendarEndStays' ? 'calendarEndStays' : 'civilCode';
    return { days: deadline.calendarDays, unit: 'calendar', rule, sameDay };
  }
  return { days: deadline.workingDays ?? 0, unit: 'working', rule: 'workingDays', sameDay };
}

/** "35 working days", "30 calendar days": the term in a CLI line. */
export function termText(deadline: Deadline): string {
  const { days, unit } = termOf(deadline);
  return `${days} ${unit === 'working' ? 'working' : 'calendar'} day${days === 1 ? '' : 's'}`;
}
