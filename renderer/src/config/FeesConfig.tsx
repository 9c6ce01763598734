/** Every fee with its dated amounts (each from its date until the next), the act that set it, and the exemptions. */
import type { RegionConfigView } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';
import { formatMoney } from '../format/numbers.ts';
import { ClauseText } from '../components/ClauseText.tsx';
import { ruleTitleOf } from './ruleTitle.ts';

export function FeesConfig({ config }: { config: RegionConfigView }) {
  const rule = ruleTitleOf(config);
  return (
    <>
      {config.fees.map((fee) => (
        <section key={fee.id} className="card">
          <h2>
            {fee.title}
            <ClauseText clause={fee.clause} />
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Действует с</th>
                <th scope="col">Размер</th>
                <th scope="col">Пункт регламента</th>
                <th scope="col">Установлен</th>
              </tr>
            </thead>
            <tbody>
              {fee.values.map((v) => (
                <tr key={v.from}>
                  <td data-label="Действует с">{formatDate(v.from)}</td>
                  <td data-label="Размер">{v.amount === null ? 'не взимается' : formatMoney(v.amount)}</td>
                  <td data-label="Пункт регламента">{v.clause}</td>
                  <td data-label="Установлен">{v.source ? `${v.source.act}${v.source.date ? `, ${formatDate(v.source.date)}` : ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {config.exemptions.length > 0 && (
        <section className="card">
          <h2>Освобождение от пошлины</h2>
          <ul className="plain">
            {config.exemptions.map((x) => (
              <li key={x.id}>
                {x.title}, если: {rule(x.when)}
                <ClauseText clause={x.clause} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
