/** The top of every page: the name of the site, the way to the catalogue, and the user's links or "Войти". */
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { UserMenu } from './UserMenu.tsx';

export function SiteHeader() {
  const { user } = useSession();
  return (
    <header className="site-header">
      <Link to={paths.home()} className="site-name">
        Госуслуги по регламенту
      </Link>
      <nav aria-label="Основное меню">
        <ul>
          <li>
            <Link to={paths.home()}>Услуги</Link>
          </li>
          {user ? (
            <UserMenu user={user} />
          ) : (
            <li>
              <Link to={paths.login()}>Войти</Link>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}
