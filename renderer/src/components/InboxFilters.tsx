/**
 * What the inbox shows, kept in the address: the view (the steps my role acts on, «Мои задачи», every
 * case), words to search, service, step, in progress or finished, overdue only.
 */
import { useState } from 'react';
import type { RegionConfigView } from '../api/types.ts';

export interface InboxQuery {
  readonly view: 'role' | 'mine' | 'all';
  readonly q: string;
  readonly service: string;
  readonly state: string;
  readonly overdue: boolean;
  /** With view "all": "" all, "false" in progress, "true" finished. */
  readonly final: string;
}

const VIEWS: readonly { id: InboxQuery['view']; title: string }[] = [
  { id: 'role', title: 'Этапы моей роли' },
  { id: 'mine', title: 'Мои задачи' },
  { id: 'all', title: 'Все заявления региона' },
];

export function InboxFilters({ config, query, onChange }: { config: RegionConfigView | undefined; query: InboxQuery; onChange: (next: InboxQuery) => void }) {
  const services = config?.services ?? [];
  const shown = query.service ? services.filter((s) => s.id === query.service) : services;
  const stepsOf = (procedureId: string) => Object.entries(config?.procedures.find((p) => p.id === procedureId)?.states ?? {});
  const [text, setText] = useState(query.q);

  return (
    <>
      <div className="view-switch" role="group" aria-label="Какие заявления показать">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" className={query.view === v.id ? 'primary' : 'secondary'} aria-pressed={query.view === v.id} onClick={() => onChange({ ...query, view: v.id })}>
            {v.title}
          </button>
        ))}
      </div>
      <form
        className="filters"
        role="search"
        aria-label="Поиск и отбор заявлений"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...query, q: text.trim() });
        }}
      >
        <div className="field field-search">
          <label htmlFor="filter-q">Поиск</label>
          <input
            id="filter-q"
            className="input"
            type="search"
            maxLength={200}
            value={text}
            placeholder="Номер, заявитель, ИНН, ОГРН или номер лицензии"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="primary">
          Найти
        </button>
        <div className="field">
          <label htmlFor="filter-service">Услуга</label>
          <select id="filter-service" className="input" value={query.service} onChange={(e) => onChange({ ...query, service: e.target.value, state: '' })}>
            <option value="">Все услуги</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-state">Этап</label>
          <select id="filter-state" className="input" value={query.state} onChange={(e) => onChange({ ...query, state: e.target.value })}>
            <option value="">Все этапы</option>
            {shown.map((s) => (
              <optgroup key={s.id} label={s.title}>
                {stepsOf(s.procedure).map(([id, state]) => (
                  <option key={`${s.id}/${id}`} value={id}>
                    {state?.title ?? id}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {query.view === 'all' && (
          <div className="field">
            <label htmlFor="filter-final">Состояние</label>
            <select id="filter-final" className="input" value={query.final} onChange={(e) => onChange({ ...query, final: e.target.value })}>
              <option value="false">В работе</option>
              <option value="true">Завершённые</option>
              <option value="">Все</option>
            </select>
          </div>
        )}
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={query.overdue} onChange={(e) => onChange({ ...query, overdue: e.target.checked })} /> Только просроченные
          </label>
        </div>
      </form>
    </>
  );
}
