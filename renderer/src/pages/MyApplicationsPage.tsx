/** The applications the signed-in applicant filed from this browser, each with where it stands now. */
import { ApiError } from '../api/ApiError.ts';
import { getApplication } from '../api/endpoints.ts';
import { LoadFailure } from '../components/LoadFailure.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { OverdueBadge } from '../components/OverdueBadge.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatInstant } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { filedApplications } from '../session/myApplications.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

export function MyApplicationsPage() {
  const { user, token } = useSession();
  const filed = user ? filedApplications(user.login) : [];
  const views = useResource(
    () => (token ? Promise.all(filed.map((f) => getApplication(f.id, token).catch(() => null))) : Promise.reject(new ApiError(401, ''))),
    `${user?.login ?? ''}:${filed.map((f) => f.id).join(',')}`,
  );
  if (!user) return <LoadFailure error={new ApiError(401, '')} />;
  return (
    <>
      <PageTitle text="Мои заявления">Мои заявления</PageTitle>
      {filed.length === 0 ? (
        <p className="notice">
          Вы ещё не подавали заявлений с этого устройства. <Link to={paths.home()}>Выбрать услугу</Link>
        </p>
      ) : (
        <Loaded resource={views} what="Загрузка заявлений">
          {(list) => (
            <ul className="cards">
              {filed.map((f, i) => (
                <li key={f.id} className="card">
                  <h2>
                    <Link to={paths.application(f.id)}>{f.serviceTitle}</Link>
                  </h2>
                  <p className="muted">Подано {formatInstant(f.filedAt)}</p>
                  {list[i] && (
                    <p>
                      {list[i].step.title} <OverdueBadge overdue={list[i].step.overdue} />
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      )}
    </>
  );
}
