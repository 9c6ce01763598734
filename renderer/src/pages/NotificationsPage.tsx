/**
 * The signed-in user's notifications: what was delivered to them about their applications, newest
 * first, each with its application and documents. Opening the page marks them read (the ones not
 * read before are shown as new this once).
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { getNotifications, markNotificationsRead } from '../api/endpoints.ts';
import { LoadFailure } from '../components/LoadFailure.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatInstant } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { unreadChanged } from '../session/unreadCount.ts';
import { useResource } from '../session/useResource.ts';

export function NotificationsPage() {
  const { token } = useSession();
  const page = useResource(() => (token ? getNotifications(token) : Promise.reject(new ApiError(401, ''))), token ?? '');
  const [marked, setMarked] = useState(false);
  useEffect(() => {
    if (!token || !page.data || page.data.unread === 0 || marked) return;
    setMarked(true);
    markNotificationsRead(token, 'all').then(unreadChanged, () => undefined);
  }, [token, page.data, marked]);
  if (!token) return <LoadFailure error={new ApiError(401, '')} />;
  return (
    <>
      <PageTitle text="Уведомления">Уведомления</PageTitle>
      <Loaded resource={page} what="Загрузка уведомлений">
        {({ items }) =>
          items.length === 0 ? (
            <p className="notice">Уведомлений пока нет. Здесь появятся решения и документы по вашим заявлениям.</p>
          ) : (
            <ul className="cards notifications">
              {items.map((n) => (
                <li key={n.id} className={`card${n.read ? '' : ' card-new'}`}>
                  <h2>
                    {!n.read && <span className="badge-new">Новое</span>} {n.title}
                  </h2>
                  <p className="muted">{formatInstant(n.createdAt)}</p>
                  <p>{n.text}</p>
                  <p className="card-links">
                    <Link to={paths.application(n.applicationId)}>Заявление № {n.number}</Link>
                    {n.documentIds.map((id, i) => (
                      <span key={id}>
                        {' · '}
                        <Link to={paths.document(id)}>{n.documentIds.length > 1 ? `Документ ${i + 1}` : 'Документ'}</Link>
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
