/**
 * The region's inbox for its staff: by default the cases at the steps the user's role acts on, or
 * «Мои задачи», or every case; searched, filtered and sorted, all kept in the address; refreshed live
 * when anyone acts on a case of the region.
 */
import { useRef } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { getInbox, getPaperDeliveries, getRegion, getRegionConfig } from '../api/endpoints.ts';
import { procedureTitles } from '../api/procedureTitles.ts';
import type { InboxSort } from '../api/types.ts';
import { InboxFilters, type InboxQuery } from '../components/InboxFilters.tsx';
import { InboxTable } from '../components/InboxTable.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Pager } from '../components/Pager.tsx';
import { useRegionEvents } from '../live/useRegionEvents.ts';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

const LIMIT = 20;
const SORTS: readonly InboxSort[] = ['number', 'applicant', 'service', 'step', 'stepDue', 'phaseDue', 'serviceDue', 'receivedAt'];

interface Query extends InboxQuery {
  readonly sort: InboxSort;
  readonly dir: 'asc' | 'desc';
  readonly offset: number;
}

function readQuery(q: URLSearchParams): Query {
  const view = q.get('view');
  const sort = q.get('sort') as InboxSort | null;
  return {
    view: view === 'mine' || view === 'all' ? view : 'role',
    q: q.get('q') ?? '',
    service: q.get('service') ?? '',
    state: q.get('state') ?? '',
    overdue: q.get('overdue') === '1',
    final: q.get('final') ?? 'false',
    sort: sort && SORTS.includes(sort) ? sort : 'stepDue',
    dir: q.get('dir') === 'desc' ? 'desc' : 'asc',
    offset: Number(q.get('offset') ?? 0) || 0,
  };
}

function go(region: string, next: Query) {
  const q = new URLSearchParams();
  if (next.view !== 'role') q.set('view', next.view);
  if (next.q) q.set('q', next.q);
  if (next.service) q.set('service', next.service);
  if (next.state) q.set('state', next.state);
  if (next.overdue) q.set('overdue', '1');
  if (next.view === 'all' && next.final !== 'false') q.set('final', next.final);
  if (next.sort !== 'stepDue') q.set('sort', next.sort);
  if (next.dir !== 'asc') q.set('dir', next.dir);
  if (next.offset) q.set('offset', String(next.offset));
  const text = q.toString();
  navigate(`${paths.inbox(region)}${text ? `?${text}` : ''}`);
}

export function InboxPage({ region, query }: { region: string; query: URLSearchParams }) {
  const { token } = useSession();
  const q = readQuery(query);
  const config = useResource(() => getRegionConfig(region), region);
  const detail = useResource(() => getRegion(region), region);
  const page = useResource(
    () =>
      token
        ? getInbox(
            region,
            {
              view: q.view,
              q: q.q || undefined,
              sort: q.sort,
              dir: q.dir,
              service: q.service || undefined,
              state: q.state || undefined,
              overdue: q.overdue,
              final: q.view !== 'all' || q.final === '' ? undefined : q.final === 'true',
              limit: LIMIT,
              offset: q.offset,
            },
            token,
          )
        : Promise.reject(new ApiError(401, '')),
    `${region}?${query.toString()}@${token ?? ''}`,
  );
  const paper = useResource(() => (token ? getPaperDeliveries(region, token) : Promise.reject(new ApiError(401, ''))), `${region}@${token ?? ''}`);
  // Someone acted on a case of the region: reload the page of the list, once for a burst of changes.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useRegionEvents(region, token, () => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      page.reload();
      paper.reload();
    }, 250);
  });

  return (
    <>
      <PageTitle text="Входящие заявления">Входящие заявления</PageTitle>
      {config.data && <p className="lead">{config.data.authority.title}</p>}
      <InboxFilters key={q.q} config={config.data} query={q} onChange={(next) => go(region, { ...q, ...next, offset: 0 })} />
      <Loaded resource={page} what="Загрузка заявлений">
        {(p) => (
          <>
            <p role="status">
              Найдено заявлений: {p.totalExact ? p.total : `более ${p.total}`}
            </p>
            <InboxTable
              items={p.items}
              sort={q.sort}
              dir={q.dir}
              onSort={(sort, dir) => go(region, { ...q, sort, dir, offset: 0 })}
              roleTitle={(service, role) => procedureTitles(config.data, service).role(role)}
              timeZone={detail.data?.timezone}
            />
            <Pager offset={q.offset} limit={LIMIT} total={p.totalExact ? p.total : Math.max(p.total, q.offset + p.items.length + (p.items.length === LIMIT ? 1 : 0))} onMove={(offset) => go(region, { ...q, offset })} />
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
