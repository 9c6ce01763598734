/** The region's inbox for its staff: applications by step and due date, overdue first, with filters kept in the address. */
import { ApiError } from '../api/ApiError.ts';
import { getInbox, getPaperDeliveries, getRegionConfig } from '../api/endpoints.ts';
import { procedureTitles } from '../api/procedureTitles.ts';
import { InboxFilters, type InboxQuery } from '../components/InboxFilters.tsx';
import { InboxTable } from '../components/InboxTable.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Pager } from '../components/Pager.tsx';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

const LIMIT = 20;

function readQuery(q: URLSearchParams): InboxQuery & { offset: number } {
  return { service: q.get('service') ?? '', state: q.get('state') ?? '', overdue: q.get('overdue') === '1', final: q.get('final') ?? 'false', offset: Number(q.get('offset') ?? 0) || 0 };
}

function go(region: string, next: InboxQuery & { offset: number }) {
  const q = new URLSearchParams();
  if (next.service) q.set('service', next.service);
  if (next.state) q.set('state', next.state);
  if (next.overdue) q.set('overdue', '1');
  if (next.final !== 'false') q.set('final', next.final);
  if (next.offset) q.set('offset', String(next.offset));
  const text = q.toString();
  navigate(`${paths.inbox(region)}${text ? `?${text}` : ''}`);
}

export function InboxPage({ region, query }: { region: string; query: URLSearchParams }) {
  const { token } = useSession();
  const q = readQuery(query);
  const config = useResource(() => getRegionConfig(region), region);
  const page = useResource(
    () =>
      token
        ? getInbox(region, { service: q.service || undefined, state: q.state || undefined, overdue: q.overdue, final: q.final === '' ? undefined : q.final === 'true', limit: LIMIT, offset: q.offset }, token)
        : Promise.reject(new ApiError(401, '')),
    `${region}?${query.toString()}@${token ?? ''}`,
  );
  const serviceTitle = (id: string) => config.data?.services.find((s) => s.id === id)?.title ?? id;
  const paper = useResource(() => (token ? getPaperDeliveries(region, token) : Promise.reject(new ApiError(401, ''))), `${region}@${token ?? ''}`);

  return (
    <>
      <PageTitle text="Входящие заявления">Входящие заявления</PageTitle>
      {config.data && <p className="lead">{config.data.authority.title}</p>}
      <InboxFilters config={config.data} query={q} onChange={(next) => go(region, { ...next, offset: 0 })} />
      <Loaded resource={page} what="Загрузка заявлений">
        {(p) => (
          <>
            <p role="status">Найдено заявлений: {p.total}</p>
            <InboxTable items={p.items} serviceTitle={serviceTitle} titlesOf={(service) => procedureTitles(config.data, service)} />
            <Pager offset={q.offset} limit={LIMIT} total={p.total} onMove={(offset) => go(region, { ...q, offset })} />
          </>
        )}
      </Loaded>
      {paper.data && paper.data.items.length > 0 && (
        <section aria-labelledby="paper-title">
          <h2 id="paper-title">Бумажные копии к отправке ({paper.data.items.length})</h2>
          <ul className="plain deliveries">
            {paper.data.items.map((d) => (
              <li key={d.id}>
                <Link to={paths.application(d.applicationId)}>Заявление № {d.number}</Link>: {d.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
