/** Each service as configured: form, procedure, which fee and deadline apply when, exemptions, refusal grounds, results. */
import type { RegionConfigView } from '../api/types.ts';
import { term } from '../format/numbers.ts';
import { Link } from '../routing/Link.tsx';
import { ClauseText } from '../components/ClauseText.tsx';
import { ruleTitleOf } from './ruleTitle.ts';

export function ServicesConfig({ config, link }: { config: RegionConfigView; link: (tab: 'forms' | 'procedures', id: string) => string }) {
  const rule = ruleTitleOf(config);
  const title = <T extends { id: string; title: string }>(list: readonly T[], id: string) => list.find((x) => x.id === id)?.title ?? id;
  return (
    <ul className="cards">
      {config.services.map((s) => (
        <li key={s.id} className="card">
          <h2>
            {s.title}
            <ClauseText clause={s.clause} />
          </h2>
          {s.description && <p>{s.description}</p>}
          <dl className="facts">
            <dt>Форма заявления</dt>
            <dd>
              <Link to={link('forms', s.form)}>{title(config.forms, s.form)}</Link>
            </dd>
            <dt>Процедура</dt>
            <dd>
              <Link to={link('procedures', s.id)}>{title(config.procedures, s.procedure)}</Link>
            </dd>
            <dt>Пошлина</dt>
            <dd>
              {s.fee ? (
                <ul className="plain">
                  {s.fee.map((c) => (
                    <li key={c.use}>
                      {title(config.fees, c.use)}
                      {c.when ? `, если: ${rule(c.when)}` : ''}
                      <ClauseText clause={c.clause} />
                    </li>
                  ))}
                </ul>
              ) : (
                'не взимается'
              )}
            </dd>
            <dt>Срок</dt>
            <dd>
              <ul className="plain">
                {(s.deadline ?? []).map((c) => {
                  const d = config.deadlines.find((x) => x.id === c.use);
                  return (
                    <li key={c.use}>
                      {d ? `${term(d)} — ${d.title}` : c.use}
                      {c.when ? `, если: ${rule(c.when)}` : ''}
                      <ClauseText clause={c.clause ?? d?.clause} />
                    </li>
                  );
                })}
              </ul>
            </dd>
            {s.exemptions && s.exemptions.length > 0 && (
              <>
                <dt>Освобождение от пошлины</dt>
                <dd>{s.exemptions.map((id) => title(config.exemptions, id)).join('; ')}</dd>
              </>
            )}
            {s.refusalGrounds && s.refusalGrounds.length > 0 && (
              <>
                <dt>Основания для отказа</dt>
                <dd>{s.refusalGrounds.map((id) => title(config.refusals, id)).join('; ')}</dd>
              </>
            )}
            {s.results && s.results.length > 0 && (
              <>
                <dt>Результаты</dt>
                <dd>
                  <ul className="plain">
                    {s.results.map((r) => (
                      <li key={r.id}>
                        {r.title}
                        <ClauseText clause={r.clause} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
