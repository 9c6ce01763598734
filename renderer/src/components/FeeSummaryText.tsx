/** A service's fee as the catalogue states it: each fee with the condition it applies under, or "бесплатно". */
import type { ServiceSummary } from '../api/types.ts';
import { formatMoney } from '../format/numbers.ts';
import { ClauseText } from './ClauseText.tsx';

export function FeeSummaryText({ service }: { service: ServiceSummary }) {
  if (service.free || service.fee.length === 0) return <>Бесплатно</>;
  return (
    <ul className="plain">
      {service.fee.map((fee) => (
        <li key={fee.feeId}>
          {fee.amount === null ? 'не взимается' : formatMoney(fee.amount)}
          {fee.whenTitle ? ` — если: ${fee.whenTitle.charAt(0).toLowerCase()}${fee.whenTitle.slice(1)}` : ''}
          <ClauseText clause={fee.clause} />
        </li>
      ))}
    </ul>
  );
}
