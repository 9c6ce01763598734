/**
 * The signed-in user's links, from the flags of their roles in their region (roles.yaml): applicants
 * see their applications, staff the inbox; everyone the region's regulation; and signing out.
 */
import { getRegion } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useUnreadCount } from '../session/unreadCount.ts';
import { useResource } from '../session/useResource.ts';

const EVERY_REGION = '*';

export function UserMenu({ user }: { user: User }) {
  const { signOut, token } = useSession();
  const ownRegion = user.region !== EVERY_REGION;
  const region = useResource(() => (ownRegion ? getRegion(user.region) : Promise.resolve(null)), user.region);
  const roles = region.data?.roles.filter((r) => user.roles.includes(r.id)) ?? [];
  const roleTitles = roles.map((r) => r.title).join(', ');
  const isApplicant = roles.some((r) => r.applicant);
  const unread = useUnreadCount(isApplicant ? token : null);

  return (
    <>
      {isApplicant && (
        <>
          <li>
            <Link to={paths.myApplications()}>Мои заявления</Link>
          </li>
          <li>
            <Link to={paths.notifications()}>
              Уведомления
              {unread > 0 && (
                <>
                  {' '}
                  <span className="badge-count">{unread}</span>
                  <span className="visually-hidden"> непрочитанных</span>
                </>
              )}
            </Link>
          </li>
        </>
      )}
      {roles.some((r) => r.inbox) && (
        <li>
          <Link to={paths.inbox(user.region)}>Входящие</Link>
        </li>
      )}
      {roles.some((r) => r.reports) && (
        <li>
          <Link to={paths.reports(user.region)}>Отчёты</Link>
        </li>
      )}
      {ownRegion && (
        <li>
          <Link to={paths.config(user.region)}>Регламент</Link>
        </li>
      )}
      <li className="user">
        <span className="user-name" title={roleTitles}>
          {user.name}
        </span>
        <button
          type="button"
          className="link"
          onClick={() => {
            signOut();
            navigate(paths.home());
          }}
        >
          Выйти
        </button>
      </li>
    </>
  );
}
