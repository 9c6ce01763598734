/**
 * Who holds the case, and what the user may do about it (roles.yaml flags of their roles): take it
 * (takesCases, nobody holds it), hand it back (its holder, or assignsCases), give it to another officer
 * (assignsCases). A conflict (someone acted first) shows the server's message and the fresh state.
 */
import { useState } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { changeAssignment, getAssignees, getRegion } from '../api/endpoints.ts';
import type { ApplicationBody } from '../api/types.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

export function AssignmentPanel({ view, token, onChange }: { view: ApplicationBody; token: string; onChange: (next: ApplicationBody) => void }) {
  const { user } = useSession();
  const app = view.application;
  const region = useResource(() => getRegion(app.region), app.region);
  const mine = region.data?.roles.filter((r) => user?.roles.includes(r.id)) ?? [];
  const takes = mine.some((r) => r.takesCases);
  const assigns = mine.some((r) => r.assignsCases);
  const assignees = useResource(() => (assigns ? getAssignees(app.region, token) : Promise.resolve({ items: [] })), `${app.region}@${assigns}`);
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const holder = app.assignee ?? null;
  if (!takes && !assigns) {
    return holder ? <p className="assignment">В работе у: {holder.name}</p> : null;
  }

  const act = async (action: 'take' | 'release' | 'assign', assignee?: string) => {
    setBusy(true);
    setMessage(null);
    try {
      onChange(await changeAssignment(app.id, action, app.version, token, assignee));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setMessage(e.message);
      const current = e.body.current as ApplicationBody | undefined;
      if (current) onChange(current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="assignment" aria-labelledby="assignment-title">
      <h2 id="assignment-title">Исполнитель</h2>
      <p>{holder ? <>В работе у: <strong>{holder.name}</strong></> : 'Заявление никто не взял в работу.'}</p>
      {message && (
        <p className="notice notice-error" role="alert">
          {message}
        </p>
      )}
      {!app.final && (
        <div className="actions">
          {takes && !holder && (
            <button type="button" className="primary" disabled={busy} onClick={() => void act('take')}>
              Взять в работу
            </button>
          )}
          {holder && (holder.userId === user?.login || assigns) && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void act('release')}>
              Вернуть в очередь
            </button>
          )}
          {assigns && (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (chosen) void act('assign', chosen);
              }}
            >
              <label htmlFor="assignee">Назначить исполнителя</label>
              <select id="assignee" className="input" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value="">— выберите —</option>
                {(assignees.data?.items ?? []).map((a) => (
                  <option key={a.userId} value={a.userId}>
                    {a.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary" disabled={busy || !chosen}>
                Назначить
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
