/** Why something could not be loaded, with the way out: sign in again, or try again. */
import { isApiError } from '../api/ApiError.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';

export function LoadFailure({ error, retry }: { error: unknown; retry?: () => void }) {
  const status = isApiError(error) ? error.status : 0;
  const message = isApiError(error) ? error.message : 'Не удалось загрузить данные.';
  return (
    <div className="notice notice-error" role="alert">
      <p>{status === 401 ? 'Сеанс завершён или вход не выполнен.' : message}</p>
      {status === 401 && <Link to={paths.login(window.location.hash.slice(1))}>Войти</Link>}
      {status !== 401 && status !== 404 && status !== 403 && retry && (
        <button type="button" className="secondary" onClick={retry}>
          Повторить
        </button>
      )}
    </div>
  );
}
