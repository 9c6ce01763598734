/** A region: its authority, regulation and services with fee and deadline, and the ways to its registry and regulation. */
import { getRegion } from '../api/endpoints.ts';
import { DeadlineSummaryText } from '../components/DeadlineSummaryText.tsx';
import { FeeSummaryText } from '../components/FeeSummaryText.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useResource } from '../session/useResource.ts';

export function RegionPage({ region }: { region: string }) {
  const detail = useResource(() => getRegion(region), region);
  return (
    <Loaded resource={detail} what="Загрузка сведений о регионе">
      {(r) => (
        <>
          <PageTitle text={r.title}>{r.title}</PageTitle>
          <p className="lead">{r.authority.title}</p>
          <p className="muted">
            {r.regulation.title}. {r.regulation.act.act}.
          </p>
          <p>
            {r.registry && (
              <>
                <Link to={paths.registry(r.id)}>{r.registry.title}</Link> ·{' '}
              </>
            )}
            <Link to={paths.config(r.id)}>Регламент и схемы процедур</Link>
          </p>
          <h2>Услуги</h2>
          <ul className="cards">
            {r.services.map((s) => (
              <li key={s.id} className="card">
                <h3>{s.title}</h3>
                {s.description && <p>{s.description}</p>}
                <dl className="facts">
                  <dt>Пошлина</dt>
                  <dd>
                    <FeeSummaryText service={s} />
                  </dd>
                  <dt>Срок</dt>
                  <dd>
                    <DeadlineSummaryText service={s} />
                  </dd>
                </dl>
                <Link className="button primary" to={paths.apply(r.id, s.id)} aria-label={`Подать заявление: ${s.title}`}>
                  Подать заявление
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Loaded>
  );
}
