/** The registry search: by licence number, status, or one searchable attribute (registry.yaml `searchable`). */
import { useState, type FormEvent } from 'react';

export interface RegistryQuery {
  /** Words anywhere in the number or a searchable attribute. */
  readonly q: string;
  readonly number: string;
  readonly status: string;
  /** Attribute id and the value sought. */
  readonly attribute: string;
  readonly value: string;
}

export function RegistrySearchForm({ searchable, initial, onSearch }: { searchable: readonly { id: string; title: string }[]; initial: RegistryQuery; onSearch: (q: RegistryQuery) => void }) {
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Поиск в реестре">
      <div className="field field-search">
        <label htmlFor="registry-q">Поиск</label>
        <input
          id="registry-q"
          className="input"
          type="search"
          maxLength={200}
          placeholder="Часть наименования, ИНН, ОГРН, номера лицензии или адреса"
          value={q.q}
          onChange={(e) => setQ({ ...q, q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="registry-number">Номер лицензии</label>
        <input id="registry-number" className="input" value={q.number} onChange={(e) => setQ({ ...q, number: e.target.value })} />
      </div>
      {searchable.length > 0 && (
        <div className="field">
          <label htmlFor="registry-attribute">Искать по</label>
          <select id="registry-attribute" className="input" value={q.attribute} onChange={(e) => setQ({ ...q, attribute: e.target.value })}>
            {searchable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {searchable.length > 0 && (
        <div className="field">
          <label htmlFor="registry-value">Значение (точное совпадение)</label>
          <input id="registry-value" className="input" value={q.value} onChange={(e) => setQ({ ...q, value: e.target.value })} />
        </div>
      )}
      <div className="field">
        <label htmlFor="registry-status">Статус</label>
        <select id="registry-status" className="input" value={q.status} onChange={(e) => setQ({ ...q, status: e.target.value })}>
          <option value="">Любой</option>
          <option value="active">Действует</option>
          <option value="terminated">Прекращена</option>
        </select>
      </div>
      <button type="submit" className="primary">
        Найти
      </button>
    </form>
  );
}
