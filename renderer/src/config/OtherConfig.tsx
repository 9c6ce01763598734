/** Roles and what they may do, refusal grounds by group, the registry's attributes, and the document templates. */
import type { RegionConfigView } from '../api/types.ts';
import { ClauseText } from '../components/ClauseText.tsx';
import { Remarks } from '../components/Remarks.tsx';

export function OtherConfig({ config }: { config: RegionConfigView }) {
  return (
    <>
      <section className="card">
        <h2>Роли</h2>
        <ul className="plain">
          {config.roles.map((r) => (
            <li key={r.id}>
              {r.title}
              <ClauseText clause={r.clause} />
              <Remarks items={[r.applicant && 'подаёт заявления', r.inbox && 'работает с входящими', r.configReader && 'читает конфигурацию']} />
            </li>
          ))}
        </ul>
      </section>
      {config.refusals.map((g) => (
        <section key={g.id} className="card">
          <h2>
            {g.title}
            <ClauseText clause={g.clause} />
          </h2>
          <ol>
            {g.grounds.map((ground) => (
              <li key={ground.id}>
                {ground.title}
                <ClauseText clause={ground.clause} />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {config.registry && (
        <section className="card">
          <h2>
            {config.registry.title}
            <ClauseText clause={config.registry.clause} />
          </h2>
          <p>Номер лицензии: {config.registry.numbering.pattern}</p>
          <ul className="plain">
            {config.registry.attributes.map((a) => (
              <li key={a.id}>
                {a.title}
                <ClauseText clause={a.clause} />
                <Remarks items={[a.searchable && 'поиск', a.public === false && 'не публикуется']} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card">
        <h2>Шаблоны документов</h2>
        <ul className="plain">
          {config.templates.map((t) => (
            <li key={t.id}>
              {t.title}
              <ClauseText clause={t.clause} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
