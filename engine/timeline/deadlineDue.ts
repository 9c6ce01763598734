import type { Deadline } from '../../config/types/RegionConfig.ts';
import { termOf } from '../../config/dates/deadlineTerm.ts';
import type { DueDate, IsoDate, SuspensionRecord } from '../api.ts';
import { anchorDate, dueFrom, type DeadlineAnchors } from '../calendar/dueDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { clockStood } from './clockStood.ts';

/**
 * A deadline's due date for one application: counted from its anchor (calendar/dueDate.ts) and moved
 * by the time its clock stood since then (clockStood). Null while the anchor is unknown.
 */
export function deadlineDue(
  deadline: Deadline,
  anchors: DeadlineAnchors,
  calendar: WorkingCalendar,
  suspensions: readonly SuspensionRecord[],
  asOf: IsoDate,
): DueDate | null {
  const anchor = anchorDate(deadline.from, anchors);
  if (anchor === undefined) return null;
  const stood = suspensions.length === 0 ? 0 : clockStood(deadline.id, termOf(deadline).unit, anchor, suspensions, calendar, asOf);
  return dueFrom(deadline, anchor, calendar, stood);
}
