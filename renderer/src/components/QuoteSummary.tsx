/**
 * What the applicant is told before sending: the fee, and the registration date and the date the
 * decision is due as a forecast (computed for a filing sent now; fixed when the application arrives).
 */
import type { Quote } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';
import { DueDateText } from './DueDateText.tsx';
import { FeeText } from './FeeText.tsx';

export function QuoteSummary({ quote }: { quote: Quote | null }) {
  return (
    <section className="quote" aria-labelledby="quote-title" aria-live="polite">
      <h2 id="quote-title">Пошлина и сроки</h2>
      {quote ? (
        <dl className="facts">
          <dt>Пошлина</dt>
          <dd>
            <FeeText fee={quote.fee} />
          </dd>
          <dt>Дата поступления</dt>
          <dd>{formatDate(quote.receivedOn)}</dd>
          <dt>Регистрация заявления (прогноз)</dt>
          <dd>{formatDate(quote.registeredOn)}</dd>
          <dt>Решение — не позднее (прогноз)</dt>
          <dd>
            {quote.serviceDue ? <DueDateText due={quote.serviceDue} /> : 'регламент не устанавливает общий срок'}
            {quote.serviceDue && quote.serviceDueFrom && <span className="muted"> (срок исчисляется {countsFrom(quote.serviceDueFrom)})</span>}
          </dd>
        </dl>
      ) : null}
      {quote ? (
        <p className="muted">Сроки рассчитаны по производственному календарю для заявления, поданного сейчас; точные даты устанавливаются, когда заявление поступит.</p>
      ) : (
        <p className="muted">Пошлина и срок рассчитываются по заполненным сведениям…</p>
      )}
    </section>
  );
}

/** What a total counts from, in words. */
function countsFrom(from: string): string {
  if (from === 'receipt') return 'со дня поступления заявления';
  if (from === 'registration') return 'со дня регистрации заявления';
  return 'с даты, указанной в заявлении';
}
