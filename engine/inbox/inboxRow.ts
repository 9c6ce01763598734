import type { CaseRow, DueDate, IsoDate } from '../api.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';

/** A due date as the inbox shows it: overdue once the day after it has begun, and by how many working days. */
export interface DueState extends DueDate {
  readonly overdue: boolean;
  /** Working days after the due date up to today; 0 when not overdue. */
  readonly daysLate: number;
}

/** An inbox row with its due dates judged on `today`. */
export interface InboxRow extends Omit<CaseRow, 'stepDue' | 'phaseDue' | 'serviceDue'> {
  readonly due: { readonly step: DueState | null; readonly phase: DueState | null; readonly service: DueState | null };
}

export function dueState(due: DueDate | null, today: IsoDate, calendar: WorkingCalendar): DueState | null {
  if (due === null) return null;
  const overdue = today > due.date;
  return { ...due, overdue, daysLate: overdue ? Math.max(1, calendar.countWorkingDays(due.date, today)) : 0 };
}

/**
 * The row the inbox shows: its due dates judged on `today` with the region's working calendar. A
 * finished case is never late.
 */
export function inboxRow(row: CaseRow, today: IsoDate, calendar: WorkingCalendar): InboxRow {
  const { stepDue, phaseDue, serviceDue, ...rest } = row;
  const judge = (due: DueDate | null) => (row.final ? null : dueState(due, today, calendar));
  return { ...rest, due: { step: judge(stepDue), phase: judge(phaseDue), service: judge(serviceDue) } };
}
