/** The catalogue: every region the server runs, with its services. */
import { listRegions } from '../api/endpoints.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useResource } from '../session/useResource.ts';

export function HomePage() {
  const regions = useResource(listRegions, 'regions');
  return (
    <>
      <PageTitle text="Государственные услуги">Государственные услуги</PageTitle>
      <p className="lead">Выберите регион и услугу. Формы заявлений, сроки и размер пошлины соответствуют административному регламенту региона.</p>
      <Loaded resource={regions} what="Загрузка списка регионов">
        {({ regions: list }) => (
          <ul className="cards">
            {list.map((region) => (
              <li key={region.id} className="card">
                <h2>
                  <Link to={paths.region(region.id)}>{region.title}</Link>
                </h2>
                <p className="muted">{region.authority}</p>
                <ul className="plain">
                  {region.services.map((s) => (
                    <li key={s.id}>
                      <Link to={paths.apply(region.id, s.id)}>{s.title}</Link>
                    </li>
                  ))}
                </ul>
                <p className="card-links">
                  <Link to={paths.registry(region.id)}>Реестр</Link> · <Link to={paths.config(region.id)}>Регламент и схемы процедур</Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}
