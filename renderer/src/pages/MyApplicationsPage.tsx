/**
 * The signed-in applicant's own filings in their region: first the drafts (forms saved but not yet
 * filed, with their last change), then the applications (overdue first, then by due date), each with
 * its number and where it stands.
 */
import { useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { deleteDraft, getDrafts, getMyApplications, getRegion } from '../api/endpoints.ts';
import type { DraftSummary, RegionDetail } from '../api/types.ts';
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
    () => (token ? Promise.all([getMyApplications(region, offset, LIMIT, token), getRegion(region), getDrafts(region, token)]) : Promise.reject(new ApiError(401, ''))),
    `${user?.login ?? ''}@${offset}`,
  );
  if (!user || !token) return <LoadFailure error={new ApiError(401, '')} />;
  return (
    <>
      <PageTitle text="Мои заявления">Мои заявления</PageTitle>
      <Loaded resource={data} what="Загрузка заявлений">
        {([page, detail, drafts]) => (
          <>
            <Drafts drafts={drafts.items} keptDays={drafts.keptDays} detail={detail} token={token} onChange={data.reload} />
            <section aria-labelledby="filed-title">
              <h2 id="filed-title">Поданные заявления</h2>
              {page.total === 0 ? (
                <p className="notice">
                  Поданных заявлений пока нет. <Link to={paths.region(region)}>Выбрать услугу</Link>
                </p>
              ) : (
                <>
                  <ul className="cards">
                    {page.items.map(({ application: app, step }) => (
                      <li key={app.id} className="card">
                        <h3>
                          <Link to={paths.application(app.id)}>Заявление № {app.number}</Link>
                        </h3>
                        <p>{serviceTitle(detail, app.service)}</p>
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
              )}
            </section>
          </>
        )}
      </Loaded>
    </>
  );
}

const serviceTitle = (detail: RegionDetail, service: string) => detail.services.find((s) => s.id === service)?.title ?? service;

function Drafts({ drafts, keptDays, detail, token, onChange }: { drafts: readonly DraftSummary[]; keptDays: number; detail: RegionDetail; token: string; onChange: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title">Черновики</h2>
      <p className="muted">Заявления, которые начаты, но ещё не поданы. Черновик хранится {keptDays} дн. после последнего изменения.</p>
      <ul className="cards">
        {drafts.map((d) => (
          <li key={d.id} className="card card-draft">
            <h3>
              <Link to={`${paths.apply(detail.id, d.service)}?draft=${encodeURIComponent(d.id)}`}>Черновик: {serviceTitle(detail, d.service)}</Link>
            </h3>
            <p className="muted">Последнее изменение {formatInstant(d.updatedAt)}</p>
            <p>
              <span className="status-draft">Не подано</span>{' '}
              <button
                type="button"
                className="link-danger"
                aria-label={`Удалить черновик «${serviceTitle(detail, d.service)}» от ${formatInstant(d.updatedAt)}`}
                onClick={() => {
                  if (!window.confirm('Удалить черновик? Введённые ответы и приложенные файлы будут потеряны.')) return;
                  deleteDraft(d.id, token).then(onChange, (e: Error) => setProblem(e.message));
                }}
              >
                Удалить черновик
              </button>
            </p>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="form-failure" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
