/** The signed-in applicant's own applications in their region (overdue first, then by due date), each with where it stands. */
import { useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { getMyApplications, getRegion } from '../api/endpoints.ts';
import { LoadFailure } from '../components/LoadFailure.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { OverdueBadge } from '../components/OverdueBadge.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatInstant } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

const LIMIT = 20;

export function MyApplicationsPage() {
  const { user, token } = useSession();
  const [offset, setOffset] = useState(0);
  const region = user?.region ?? '';
  const data = useResource(
    () => (token ? Promise.all([getMyApplications(region, offset, LIMIT, token), getRegion(region)]) : Promise.reject(new ApiError(401, ''))),
    `${user?.login ?? ''}@${offset}`,
  );
  if (!user) return <LoadFailure error={new ApiError(401, '')} />;
  return (
    <>
      <PageTitle text="Мои заявления">Мои заявления</PageTitle>
      <Loaded resource={data} what="Загрузка заявлений">
        {([page, detail]) =>
          page.total === 0 ? (
            <p className="notice">
              Заявлений пока нет. <Link to={paths.region(region)}>Выбрать услугу</Link>
            </p>
          ) : (
            <>
              <ul className="cards">
                {page.items.map(({ application: app, step }) => (
                  <li key={app.id} className="card">
                    <h2>
                      <Link to={paths.application(app.id)}>Заявление № {app.number}</Link>
                    </h2>
                    <p>{detail.services.find((s) => s.id === app.service)?.title ?? app.service}</p>
                    <p className="muted">Подано {formatInstant(app.receivedAt)}</p>
                    <p>
                      <span className="muted">{app.final ? 'Рассмотрение завершено: ' : 'Сейчас: '}</span>
                      {step.title} <OverdueBadge overdue={step.overdue} />
                    </p>
                  </li>
                ))}
              </ul>
              <Pager offset={offset} limit={LIMIT} total={page.total} onMove={setOffset} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
