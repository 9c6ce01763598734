/** The fee due for an application: amount, what it is for, the clause, or the exemption that made it free. */
import type { FeeDue } from '../../../engine/api.ts';
import { formatMoney } from '../format/numbers.ts';
import { ClauseText } from './ClauseText.tsx';

export function FeeText({ fee }: { fee: FeeDue }) {
  if (fee.exemption) {
    return (
      <>
        {formatMoney(0)} — освобождение: {fee.exemption.title}
        <ClauseText clause={fee.exemption.clause} />
      </>
    );
  }
  if (fee.feeId === null) return <>Бесплатно</>;
  return (
    <>
      {formatMoney(fee.amount)}
      {fee.title && ` — ${fee.title}`}
      <ClauseText clause={fee.clause} />
    </>
  );
}
