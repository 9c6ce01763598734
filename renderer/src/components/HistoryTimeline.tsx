/** The application's history, oldest first: when, what was done (or who took the case), by whom, the step it led to, and the terms it stopped or restarted. */
import type { ProcedureTitles } from '../api/procedureTitles.ts';
import type { ApplicationBody } from '../api/types.ts';
import { Instant } from '../format/RegionTime.tsx';

type Entry = ApplicationBody['application']['history'][number];

/** A change of who holds the case (history events "@take", "@release", "@assign"), in words. */
function AssignmentText({ entry }: { entry: Entry }) {
  const who = entry.assignee?.name ?? '';
  if (entry.event === '@take') return <strong>Взято в работу: {who}</strong>;
  if (entry.event === '@assign') return <strong>Назначен исполнитель: {who}</strong>;
  return <strong>Возвращено в очередь</strong>;
}

export function HistoryTimeline({ history, titles }: { history: ApplicationBody['application']['history']; titles: ProcedureTitles }) {
  return (
    <ol className="timeline">
      {history.map((entry) => (
        <li key={entry.seq}>
          <Instant at={entry.at} />
          <p>{entry.event.startsWith('@') ? <AssignmentText entry={entry} /> : <><strong>{entry.from === null ? 'Заявление подано' : titles.event(entry.event)}</strong>{' → '}{titles.state(entry.to)}</>}</p>
          {entry.clocks?.stopped && <p className="clocks">Течение срока приостановлено</p>}
          {entry.clocks?.restarted && <p className="clocks">Течение срока возобновлено</p>}
          <p className="muted">
            {entry.actor.roles.map(titles.role).join(', ')}
            {/* An applicant is not told which staff member acted: the server leaves the login empty. */}
            {entry.actor.userId !== '' && ` (${entry.actor.userId})`}
          </p>
        </li>
      ))}
    </ol>
  );
}
