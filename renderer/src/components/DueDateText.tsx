/** A due date in words, marked when it was counted through a year whose production calendar is not yet published. */
import type { DueDate } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';

export function DueDateText({ due }: { due: DueDate }) {
  return (
    <>
      {formatDate(due.date)}
      {due.provisional && <span className="muted"> (предварительно: производственный календарь на этот год ещё не утверждён)</span>}
    </>
  );
}
