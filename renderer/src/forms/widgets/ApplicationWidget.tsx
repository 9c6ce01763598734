/**
 * A field of type `application` (x-application in the compiled schema): a choice among the applications
 * the user may name, loaded from the API: their own (`scope: own`, «Мои заявления») or the region's (the
 * inbox), of the allowed services. The value is the application's id; the server checks it again. Read-
 * only, it shows the application's number and service. Without a session or a region it is a text input.
 */
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { getApplication, getInbox, getMyApplications, getRegion } from '../../api/endpoints.ts';
import { formatDate } from '../../format/dates.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { useResource } from '../../session/useResource.ts';
import { contextOf } from '../formContext.ts';

type Reference = { readonly scope?: 'own' | 'region'; readonly services?: readonly string[] };

/** What the choice shows of an application: its number, service and the day it was registered or received. */
interface Choice {
  readonly id: string;
  readonly number: string | null;
  readonly service: string;
  readonly date: string;
}

const label = (a: Choice, serviceTitle: (id: string) => string) => `№ ${a.number ?? a.id} — ${serviceTitle(a.service)}, от ${formatDate(a.date)}`;

export function ApplicationWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, schema, registry } = props;
  const { token } = useSession();
  const { region } = contextOf(registry.formContext);
  const detail = useResource(() => (region ? getRegion(region) : Promise.resolve(null)), region ?? '');
  const serviceTitles = Object.fromEntries((detail.data?.services ?? []).map((s) => [s.id, s.title]));
  const reference = (schema['x-application'] ?? {}) as Reference;
  const selected = typeof value === 'string' ? value : '';
  const title = (service: string) => serviceTitles[service] ?? service;

  const choices = useResource(async (): Promise<Choice[]> => {
    if (!token || !region || readonly) return [];
    const all: Choice[] =
      reference.scope === 'region'
        ? (await getInbox(region, { view: 'all', sort: 'receivedAt', dir: 'desc', limit: 100, offset: 0 }, token)).items.map((r) => ({ id: r.id, number: r.number, service: r.service, date: r.receivedAt.slice(0, 10) }))
        : (await getMyApplications(region, 0, 100, token)).items.map(({ application: a }) => ({ id: a.id, number: a.number, service: a.service, date: a.registeredOn }));
    return all.filter((a) => !reference.services || reference.services.includes(a.service));
  }, `${region ?? ''}/${reference.scope ?? 'own'}/${token ?? ''}/${readonly ? 'ro' : 'rw'}`);
  const shown = useResource(async (): Promise<Choice | null> => {
    if (!readonly || !token || !selected) return null;
    const a = (await getApplication(selected, token)).application;
    return { id: a.id, number: a.number, service: a.service, date: a.registeredOn };
  }, `${selected}/${token ?? ''}/${readonly ? 'ro' : 'rw'}`);

  if (readonly) {
    return <p id={id} className="field-value">{shown.data ? label(shown.data, title) : selected || '—'}</p>;
  }
  if (!choices.data || choices.data.length === 0) {
    return (
      <>
        <input id={id} className="input" type="text" value={selected} required={required} disabled={disabled} autoFocus={autofocus}
          aria-describedby={ariaDescribedByIds(id)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          onBlur={(e) => onBlur(id, e.target.value)} onFocus={(e) => onFocus(id, e.target.value)} />
        {choices.data && <p className="muted">Нет заявлений, которые можно выбрать: укажите идентификатор заявления.</p>}
      </>
    );
  }
  return (
    <select id={id} className="input" value={selected} required={required} disabled={disabled} autoFocus={autofocus}
      aria-describedby={ariaDescribedByIds(id)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)} onFocus={(e) => onFocus(id, e.target.value)}>
      <option value="">— выберите заявление —</option>
      {choices.data.map((a) => (
        <option key={a.id} value={a.id}>
          {label(a, title)}
        </option>
      ))}
    </select>
  );
}
