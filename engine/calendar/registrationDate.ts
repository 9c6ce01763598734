import type { RegionFile } from '../../config/types/generated.ts';
import type { IsoDate } from '../api.ts';
import { toDayNumber, weekdayOf } from '../../config/dates/isoDate.ts';
import { localTime } from './localTime.ts';
import type { WorkingCalendar } from './WorkingCalendar.ts';

type WorkingHours = NonNullable<RegionFile['workingHours']>;
type Period = WorkingHours['periods'][number];

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Office hours for an ISO weekday. A working Saturday (a transferred day) is usually absent from the
 * periods: it then keeps the hours of the first weekday listed (normally Monday, the day such transfers
 * most often replace). A region that works different hours on those days lists 6 or 7 in a period.
 */
function periodsFor(hours: WorkingHours, weekday: number): readonly Period[] {
  const own = hours.periods.filter((p) => p.days.includes(weekday));
  if (own.length > 0) return own;
  const first = Math.min(...hours.periods.flatMap((p) => p.days));
  return hours.periods.filter((p) => p.days.includes(first));
}

/**
 * The day an application is registered (regulation 2.12, 3.2.1.2): the day it was received if that is a
 * working day and it came within office hours (any time of the day when the region sets no hours);
 * otherwise the nearest working day after the day it was received. "Outside hours" includes before
 * opening: the regulation counts from the day after receipt in every non-working-time case.
 */
export function registrationDate(
  receivedAt: Date,
  opts: { timeZone: string; workingHours?: RegionFile['workingHours']; calendar: WorkingCalendar },
): IsoDate {
  const { date, minutes } = localTime(receivedAt, opts.timeZone);
  const { calendar, workingHours } = opts;
  if (calendar.isWorkingDay(date)) {
    const inHours =
      !workingHours ||
      periodsFor(workingHours, weekdayOf(toDayNumber(date))).some(
        (p) => minutes >= toMinutes(p.from) && minutes < toMinutes(p.to),
      );
    if (inHours) return date;
  }
  return calendar.nextWorkingDay(date, false);
}
