import type { DayUnit } from '../../config/dates/deadlineTerm.ts';
import { toDayNumber } from '../../config/dates/isoDate.ts';
import type { IsoDate, SuspensionRecord } from '../api.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';

/**
 * How long the clock of one deadline stood after `since` (its anchor), in the deadline's own unit: for
 * each suspension naming the deadline, the days after it stopped up to the day it ran again (working
 * days or calendar days). A suspension with a limit (`until`) counts at most up to that day; one that
 * is still open counts up to `until`, or up to `asOf` when it has no limit.
 */
export function clockStood(
  deadlineId: string,
  unit: DayUnit,
  since: IsoDate,
  suspensions: readonly SuspensionRecord[],
  calendar: WorkingCalendar,
  asOf: IsoDate,
): number {
  let stood = 0;
  for (const s of suspensions) {
    if (!s.deadlines.includes(deadlineId)) continue;
    const from = s.since > since ? s.since : since;
    let to = s.resumedOn ?? s.until ?? asOf;
    if (s.until !== null && s.until < to) to = s.until;
    if (to <= from) continue;
    stood += unit === 'working' ? calendar.countWorkingDays(from, to) : toDayNumber(to) - toDayNumber(from);
  }
  return stood;
}
