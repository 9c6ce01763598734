/** The application's history, oldest first: when, what was done, by whom, the step it led to, and the terms it stopped or restarted. */
import type { ProcedureTitles } from '../api/procedureTitles.ts';
import type { ApplicationBody } from '../api/types.ts';
import { formatInstant } from '../format/dates.ts';

export function HistoryTimeline({ history, titles }: { history: ApplicationBody['application']['history']; titles: ProcedureTitles }) {
  return (
    <ol className="timeline">
      {history.map((entry) => (
        <li key={entry.seq}>
          <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
          <p>
            <strong>{entry.from === null ? 'Заявление подано' : titles.event(entry.event)}</strong>
            {' → '}
            {titles.state(entry.to)}
          </p>
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
