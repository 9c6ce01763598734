/**
 * The walk's axis of real dates: every due date is the engine's own (engine/calendar/dueDate.ts on the
 * region's working calendar, clocks stood counted as engine/timeline/clockStood.ts counts them).
 */
import type { Deadline } from '../../config/types/RegionConfig.ts';
import { termOf } from '../../config/dates/deadlineTerm.ts';
import { toDayNumber } from '../../config/dates/isoDate.ts';
import type { IsoDate } from '../../engine/api.ts';
import { anchorDate, dueFrom } from '../../engine/calendar/dueDate.ts';
import type { WorkingCalendar } from '../../engine/calendar/WorkingCalendar.ts';
import type { Axis } from './walkPath.ts';

export interface DateAxis extends Axis<IsoDate> {
  /** Due dates that fell in (or were counted through) a year with no published calendar. */
  readonly provisional: ReadonlySet<IsoDate>;
}

/** Dates for an application received on `receivedOn` and registered on `registeredOn`, whose forms hold `fields`. */
export function dateAxis(calendar: WorkingCalendar, receivedOn: IsoDate, registeredOn: IsoDate, fields: { submission: unknown; data: unknown } = { submission: {}, data: {} }): DateAxis {
  const provisional = new Set<IsoDate>();
  return {
    receipt: receivedOn,
    registration: registeredOn,
    provisional,
    due(deadline: Deadline, anchor: IsoDate, stood: number) {
      const due = dueFrom(deadline, anchor, calendar, stood);
      if (due.provisional) provisional.add(due.date);
      return due.date;
    },
    stood(deadline, from, to) {
      return termOf(deadline).unit === 'working' ? calendar.countWorkingDays(from, to) : toDayNumber(to) - toDayNumber(from);
    },
    after(start, workingDays) {
      return calendar.addWorkingDays(start, workingDays).date;
    },
    on(date) {
      return date;
    },
    field(path) {
      return anchorDate(path, { receipt: receivedOn, registration: registeredOn, milestones: {}, fields });
    },
    compare(a, b) {
      return a < b ? -1 : a > b ? 1 : 0;
    },
  };
}
