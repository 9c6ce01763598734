/** A service's total deadline in working days, with the condition each applies under and its clause. */
import type { ServiceSummary } from '../api/types.ts';
import { term } from '../format/numbers.ts';
import { ClauseText } from './ClauseText.tsx';

export function DeadlineSummaryText({ service }: { service: ServiceSummary }) {
  return (
    <ul className="plain">
      {service.deadline.map((d) => (
        <li key={d.deadlineId}>
          {term(d)}
          {d.whenTitle ? ` — если: ${d.whenTitle.charAt(0).toLowerCase()}${d.whenTitle.slice(1)}` : ''}
          <ClauseText clause={d.clause} />
        </li>
      ))}
    </ul>
  );
}
