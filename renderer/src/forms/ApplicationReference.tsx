/**
 * An answer naming another application (a field of type `application`), read-only: its number, service
 * and date as a link to its page, looked up with the reader's session; the bare id when they may not
 * read it or it cannot be loaded.
 */
import { getApplication, getRegion } from '../api/endpoints.ts';
import { formatDate } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useResource } from '../session/useResource.ts';

export function ApplicationReference({ id, token }: { readonly id: string; readonly token: string | null }) {
  const app = useResource(async () => (token ? (await getApplication(id, token)).application : null), `${id}/${token ?? ''}`);
  const region = app.data?.region ?? '';
  const detail = useResource(async () => (region ? getRegion(region) : null), region);
  const a = app.data;
  const service = a ? (detail.data?.services.find((s) => s.id === a.service)?.title ?? a.service) : '';
  return (
    <span className="field-value">
      <Link to={paths.application(id)}>{a ? `№ ${a.number ?? a.id} — ${service}, от ${formatDate(a.registeredOn)}` : id}</Link>
    </span>
  );
}
