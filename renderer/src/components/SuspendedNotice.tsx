/** «Срок приостановлен с …»: the clocks that stand now, and the latest day they may stand until. */
import type { ApplicationBody } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';
import { ClauseText } from './ClauseText.tsx';

export function SuspendedNotice({ suspended }: { suspended: ApplicationBody['suspended'] }) {
  if (!suspended) return null;
  return (
    <p className="notice suspended" role="status">
      <strong>Срок приостановлен с {formatDate(suspended.since)}</strong>
      {suspended.until && <> (не более чем до {formatDate(suspended.until)})</>}: {suspended.deadlines.map((d) => d.title).join('; ')}<ClauseText clause={suspended.clause} />.
    </p>
  );
}
