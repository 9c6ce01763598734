import type { Deadline } from '../../config/types/RegionConfig.ts';
import { termOf } from '../../config/dates/deadlineTerm.ts';
import { addDays, toDayNumber } from '../../config/dates/isoDate.ts';
import type { DueDate, IsoDate } from '../api.ts';
import { valueAtPath } from '../registry/valueAtPath.ts';
import type { WorkingCalendar } from './WorkingCalendar.ts';

/** The dates a deadline may be counted from. */
export interface DeadlineAnchors {
  /** The local day the application arrived, even a non-working day or after office hours («со дня поступления»). */
  readonly receipt: IsoDate;
  readonly registration: IsoDate;
  /** The day the step began: for step limits. */
  readonly stepStart?: IsoDate;
  /** The day the phase began: for phase limits. */
  readonly phaseStart?: IsoDate;
  /** Milestone name -> the day the application reached it. */
  readonly milestones: Readonly<Record<string, IsoDate>>;
  /** The application's form data, for anchors that name a date field ("submission.<...>", "data.<EVENT>.<...>"). */
  readonly fields?: { readonly submission: unknown; readonly data: unknown };
}

/** The day a deadline counts from, or undefined while it is not known (a milestone not reached, a date field left empty). */
export function anchorDate(from: string, anchors: DeadlineAnchors): IsoDate | undefined {
  switch (from) {
    case 'receipt':
      return anchors.receipt;
    case 'registration':
      return anchors.registration;
    case 'stepStart':
      return anchors.stepStart;
    case 'phaseStart':
      return anchors.phaseStart;
  }
  if (from.startsWith('submission.') || from.startsWith('data.')) {
    const value = anchors.fields ? valueAtPath(anchors.fields, from) : undefined;
    return typeof value === 'string' && isDate(value) ? value : undefined;
  }
  // hasOwn: a milestone named "constructor" must not read Object.prototype.
  return Object.hasOwn(anchors.milestones, from) ? anchors.milestones[from] : undefined;
}

/**
 * When a deadline (deadlines.yaml) falls due, or null while its anchor is not known.
 *
 * Working days: counting starts on the working day after the anchor, so a term from a receipt on a
 * Saturday starts on Monday, one working day before a term from registration (registered on that
 * Monday) would; N working days end on addWorkingDays(anchor, N). With `sameDay`, the anchor day itself
 * is day 1 when it is a working day («в день поступления»).
 *
 * Calendar days: the term starts on the day after the anchor (Civil Code art. 191) and ends N days
 * later; under the `civilCode` rule a last day that is not a working day moves to the next working day
 * (art. 193).
 *
 * `stood` extends the term by the time its clock was stopped (see engine/timeline), in the deadline's
 * own unit.
 */
export function dueDate(deadline: Deadline, anchors: DeadlineAnchors, calendar: WorkingCalendar, stood = 0): DueDate | null {
  const anchor = anchorDate(deadline.from, anchors);
  if (anchor === undefined) return null;
  return dueFrom(deadline, anchor, calendar, stood);
}

/** dueDate from a known anchor day. */
export function dueFrom(deadline: Deadline, anchor: IsoDate, calendar: WorkingCalendar, stood = 0): DueDate {
  const term = termOf(deadline);
  const days = term.days + stood;
  if (term.unit === 'calendar') {
    const last = addDays(anchor, term.sameDay && term.days >= 1 ? days - 1 : days);
    const date = term.rule === 'civilCode' ? calendar.nextWorkingDay(last, true) : last;
    return { date, provisional: calendar.isProvisional(last) || calendar.isProvisional(date) };
  }
  if (term.sameDay && term.days >= 1) {
    const start = calendar.addWorkingDays(anchor, 0);
    const end = calendar.addWorkingDays(start.date, days - 1);
    return { date: end.date, provisional: start.provisional || end.provisional };
  }
  return calendar.addWorkingDays(anchor, days);
}

function isDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}
