/**
 * The walk's axis of working days after registration (registration = day 0). Every anchor on it is a
 * working day, so a working-day term is exact and one result holds for any registration date. A receipt
 * on a non-working day or after hours is day -1: counting working days from a Saturday is counting them
 * from the Friday before. A calendar-day term has no fixed length in working days: it is bounded by the
 * fewest and the most working days it can span from any day of the published calendar years.
 */
import type { Deadline } from '../../config/types/RegionConfig.ts';
import { termOf } from '../../config/dates/deadlineTerm.ts';
import type { RegionCalendar } from '../../config/types/RegionConfig.ts';
import { addDays, fromDayNumber, toDayNumber } from '../../config/dates/isoDate.ts';
import { dueFrom } from '../../engine/calendar/dueDate.ts';
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import { ReglamentError } from '../../engine/errors.ts';
import type { Axis } from './walkPath.ts';

/** Working days a working-day deadline adds to a working-day anchor (the engine's dueDate). */
export function span(d: Deadline): number {
  const { days, sameDay } = termOf(d);
  return sameDay && days >= 1 ? days - 1 : days;
}

/** The fewest and most working days a calendar-day deadline spans from a day (any day) of the published years, keyed by deadline id. */
function calendarSpans(calendar: RegionCalendar): (d: Deadline) => { min: number; max: number } {
  const cache = new Map<string, { min: number; max: number }>();
  const working = createWorkingCalendar(calendar);
  const years = Object.keys(calendar.federal).map(Number).sort((a, b) => a - b);
  return (d) => {
    let found = cache.get(d.id);
    if (found) return found;
    if (years.length === 0) throw new ReglamentError(`no published production calendar to count the calendar days of "${d.id}" on`);
    const first = toDayNumber(`${years[0]}-01-01`);
    const last = toDayNumber(`${years.at(-1)}-12-31`) - termOf(d).days - 31;
    let min = Infinity;
    let max = -Infinity;
    for (let day = first; day <= last; day++) {
      const anchor = fromDayNumber(day);
      // On this axis a non-working anchor stands at the working day before it (a Saturday counts as the Friday).
      let position = anchor;
      while (!working.isWorkingDay(position)) position = addDays(position, -1);
      const n = working.countWorkingDays(position, dueFrom(d, anchor, working).date);
      if (n < min) min = n;
      if (n > max) max = n;
    }
    cache.set(d.id, (found = { min, max }));
    return found;
  };
}

/** The axis, for a filing received within office hours (`receipt` 0) or on a non-working day or after hours (-1). */
export function workingDayAxis(calendar: RegionCalendar, receipt: 0 | -1): Axis<number> {
  const spans = calendarSpans(calendar);
  return {
    receipt,
    registration: 0,
    due(deadline, anchor, stood, role) {
      if (termOf(deadline).unit === 'working') return anchor + span(deadline) + stood;
      // A step's end errs late (the most working days, and a clock stood k days moves it at most k working
      // days); a limit's errs early (the fewest, not moved): a budget is never reported met when it might not be.
      const { min, max } = spans(deadline);
      return anchor + (role === 'step' ? max + stood : min);
    },
    stood(deadline, from, to) {
      return to - from;
    },
    after(start, workingDays) {
      return start + workingDays;
    },
    on() {
      throw new ReglamentError('the working-day axis has no dates');
    },
    field() {
      return undefined;
    },
    compare(a, b) {
      return a - b;
    },
  };
}
