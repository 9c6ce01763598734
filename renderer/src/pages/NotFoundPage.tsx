/** An address the application does not know. */
import { PageTitle } from '../components/PageTitle.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';

export function NotFoundPage() {
  return (
    <>
      <PageTitle text="Страница не найдена">Страница не найдена</PageTitle>
      <p>
        Проверьте адрес или перейдите к <Link to={paths.home()}>списку услуг</Link>.
      </p>
    </>
  );
}
