/** A procedure's steps as a table (the diagram's text alternative): who acts, the step's deadline, clause, and where each action leads. */
import type { ProcedureFile, Transition } from '../../../config/types/generated.ts';
import type { RegionConfigView } from '../api/types.ts';
import { term } from '../format/numbers.ts';
import { ruleTitleOf } from './ruleTitle.ts';

const asList = (t: Transition | Transition[] | undefined): Transition[] => (t === undefined ? [] : Array.isArray(t) ? t : [t]);

export function ProcedureSteps({ config, procedure, current }: { config: RegionConfigView; procedure: ProcedureFile; current?: string }) {
  const rule = ruleTitleOf(config);
  const stateTitle = (id: string) => procedure.states[id]?.title ?? id;
  const role = (id: string | undefined) => (id ? (config.roles.find((r) => r.id === id)?.title ?? id) : '—');
  const moves = (on: ProcedureFile['on']) =>
    Object.entries(on ?? {}).flatMap(([event, t]) =>
      asList(t).map((tr, i) => (
        <li key={`${event}-${i}`}>
          {procedure.events[event]?.title ?? event} → {stateTitle(tr.target)}
          {tr.guard && <span className="muted">, если: {rule(tr.guard)}</span>}
        </li>
      )),
    );

  return (
    <table className="table steps">
      <caption>Этапы процедуры «{procedure.title}»</caption>
      <thead>
        <tr>
          <th scope="col">Этап</th>
          <th scope="col">Исполнитель</th>
          <th scope="col">Срок</th>
          <th scope="col">Пункт</th>
          <th scope="col">Действия</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(procedure.states).map(([id, state]) => {
          const deadline = state?.deadline ? config.deadlines.find((d) => d.id === state.deadline) : undefined;
          return (
            <tr key={id} className={id === current ? 'row-current' : undefined} aria-current={id === current ? 'step' : undefined}>
              <th scope="row" data-label="Этап">
                {state?.title ?? id}
                {id === current && <strong className="badge badge-current">текущий этап</strong>}
                {id === procedure.initial && <span className="muted"> (начальный)</span>}
                {state?.type === 'final' && <span className="muted"> (итог)</span>}
              </th>
              <td data-label="Исполнитель">{role(state?.role)}</td>
              <td data-label="Срок">{deadline ? `${term(deadline)} (${deadline.title})` : '—'}</td>
              <td data-label="Пункт">{state?.clause ?? '—'}</td>
              <td data-label="Действия">
                <ul className="plain">{moves(state?.on)}</ul>
              </td>
            </tr>
          );
        })}
        {procedure.on && (
          <tr>
            <th scope="row" data-label="Этап">
              Любой незавершённый этап
            </th>
            <td data-label="Исполнитель">—</td>
            <td data-label="Срок">—</td>
            <td data-label="Пункт">—</td>
            <td data-label="Действия">
              <ul className="plain">{moves(procedure.on)}</ul>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
