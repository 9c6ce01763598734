/** Filters of the inbox, kept in the address: service, step (of that service's procedure), overdue only, in progress or finished. */
import type { RegionConfigView } from '../api/types.ts';

export interface InboxQuery {
  readonly service: string;
  readonly state: string;
  readonly overdue: boolean;
  /** "" all, "false" in progress, "true" finished. */
  readonly final: string;
}

export function InboxFilters({ config, query, onChange }: { config: RegionConfigView | undefined; query: InboxQuery; onChange: (next: InboxQuery) => void }) {
  const services = config?.services ?? [];
  const shown = query.service ? services.filter((s) => s.id === query.service) : services;
  const stepsOf = (procedureId: string) => Object.entries(config?.procedures.find((p) => p.id === procedureId)?.states ?? {});

  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Отбор заявлений">
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
      <div className="field">
        <label htmlFor="filter-final">Состояние</label>
        <select id="filter-final" className="input" value={query.final} onChange={(e) => onChange({ ...query, final: e.target.value })}>
          <option value="false">В работе</option>
          <option value="true">Завершённые</option>
          <option value="">Все</option>
        </select>
      </div>
      <div className="field field-check">
        <label>
          <input type="checkbox" checked={query.overdue} onChange={(e) => onChange({ ...query, overdue: e.target.checked })} /> Только просроченные
        </label>
      </div>
    </form>
  );
}
