/** A licence's status in words: active, or terminated on its date. */
import type { Licence } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';

export function LicenceStatus({ licence }: { licence: Licence }) {
  if (licence.status === 'active') return <span className="badge badge-active">Действует</span>;
  return <span className="badge badge-terminated">Прекращена{licence.terminatedOn ? ` с ${formatDate(licence.terminatedOn)}` : ''}</span>;
}
