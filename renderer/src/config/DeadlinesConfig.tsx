/** Every deadline: working days, what it counts from (registration, the step's start, or the day a step is reached), clause. */
import type { RegionConfigView } from '../api/types.ts';
import { term } from '../format/numbers.ts';

/** "from" in words: the two anchors of the config language, or the step that records the milestone. */
function anchorText(config: RegionConfigView, from: string): string {
  if (from === 'registration') return 'со дня регистрации заявления';
  if (from === 'stepStart') return 'с начала этапа';
  for (const p of config.procedures) {
    for (const state of Object.values(p.states)) {
      if (state?.milestone === from) return `со дня перехода к этапу «${state.title ?? from}»`;
    }
  }
  return `с даты «${from}»`;
}

export function DeadlinesConfig({ config }: { config: RegionConfigView }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Срок</th>
          <th scope="col">Продолжительность</th>
          <th scope="col">Отсчёт</th>
          <th scope="col">Пункт регламента</th>
        </tr>
      </thead>
      <tbody>
        {config.deadlines.map((d) => (
          <tr key={d.id}>
            <td data-label="Срок">{d.title}</td>
            <td data-label="Продолжительность">
              {term(d)}
              {d.sameDay ? ', включая день отсчёта' : ''}
            </td>
            <td data-label="Отсчёт">{anchorText(config, d.from)}</td>
            <td data-label="Пункт регламента">{d.clause}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
