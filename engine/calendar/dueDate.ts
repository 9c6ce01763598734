import type { Deadline } from '../../config/types/RegionConfig.ts';
import type { DueDate, IsoDate } from '../api.ts';
import type { WorkingCalendar } from './WorkingCalendar.ts';

/** The dates a deadline may be counted from. */
export interface DeadlineAnchors {
  /** The local day the application arrived, even a non-working day or after office hours («со дня поступления»). */
  readonly receipt: IsoDate;
  readonly registration: IsoDate;
  readonly stepStart: IsoDate;
  /** Milestone name -> the day the application reached it. */
  readonly milestones: Readonly<Record<string, IsoDate>>;
}

/**
 * When a deadline (deadlines.yaml) falls due. Counting starts on the working day after the anchor, so
 * a term from a receipt on a Saturday starts on Monday, one working day before a term from registration
 * (registered on that Monday) would.
 * N working days end on addWorkingDays(anchor, N). With `sameDay`, the anchor day itself is day 1 when it
 * is a working day ("в день поступления"): the limit ends N-1 working days after the anchor's working day.
 * Returns null while the anchor milestone has not been reached.
 */
export function dueDate(deadline: Deadline, anchors: DeadlineAnchors, calendar: WorkingCalendar): DueDate | null {
  const anchor =
    deadline.from === 'receipt'
      ? anchors.receipt
      : deadline.from === 'registration'
      ? anchors.registration
      : deadline.from === 'stepStart'
        ? anchors.stepStart
        : // hasOwn: a milestone named "constructor" must not read Object.prototype.
          Object.hasOwn(anchors.milestones, deadline.from)
          ? anchors.milestones[deadline.from]
          : undefined;
  if (anchor === undefined) return null;
  const n = deadline.workingDays;
  if (deadline.sameDay && n >= 1) {
    const start = calendar.addWorkingDays(anchor, 0);
    const end = calendar.addWorkingDays(start.date, n - 1);
    return { date: end.date, provisional: start.provisional || end.provisional };
  }
  return calendar.addWorkingDays(anchor, n);
}
