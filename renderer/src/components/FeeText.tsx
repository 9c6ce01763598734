/** The fee due for an application: amount, what it is for, the clause, or the exemption that made it free. */
import type { FeeDue } from '../../../engine/api.ts';
import { formatMoney } from '../format/numbers.ts';

export function FeeText({ fee }: { fee: FeeDue }) {
  if (fee.exemption) {
    return (
      <>
        {formatMoney(0)} — освобождение: {fee.exemption.title} <span className="clause">(п. {fee.exemption.clause})</span>
      </>
    );
  }
  if (fee.feeId === null) return <>Бесплатно</>;
  return (
    <>
      {formatMoney(fee.amount)}
      {fee.title && ` — ${fee.title}`}
      {fee.clause && <span className="clause"> (п. {fee.clause})</span>}
    </>
  );
}
