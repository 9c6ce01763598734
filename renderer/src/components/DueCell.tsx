/** A due date in an inbox cell: the date, and when it has passed, by how many working days, in words. */
import type { InboxRow } from '../api/types.ts';
import { formatShortDate } from '../format/dates.ts';
import { workingDays } from '../format/numbers.ts';

export function DueCell({ due }: { due: InboxRow['due']['step'] }) {
  if (!due) return <span className="muted">—</span>;
  return (
    <>
      <time dateTime={due.date}>{formatShortDate(due.date)}</time>
      {due.provisional && <span className="muted" title="Производственный календарь на этот год ещё не опубликован"> *</span>}
      {due.overdue && <strong className="badge badge-overdue">просрочено на {workingDays(due.daysLate)}</strong>}
    </>
  );
}
