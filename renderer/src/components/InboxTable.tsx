/**
 * The inbox as a table: each application with its service, current step, step due date and the open
 * phases' (overdue in words), whether its terms stand, the service due date, receipt.
 */
import type { ProcedureTitles } from '../api/procedureTitles.ts';
import type { ApplicationBody } from '../api/types.ts';
import { formatDate, formatInstant } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { OverdueBadge } from './OverdueBadge.tsx';

export function InboxTable({ items, serviceTitle, titlesOf }: { items: readonly ApplicationBody[]; serviceTitle: (id: string) => string; titlesOf: (service: string) => ProcedureTitles }) {
  if (items.length === 0) return <p className="notice">Заявлений с такими условиями нет.</p>;
  return (
    <table className="table inbox">
      <caption className="visually-hidden">Заявления: сначала просроченные, затем по сроку этапа</caption>
      <thead>
        <tr>
          <th scope="col">Заявление</th>
          <th scope="col">Этап</th>
          <th scope="col">Срок этапа</th>
          <th scope="col">Срок услуги</th>
          <th scope="col">Поступило</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ application: app, step, phases, suspended }) => (
          <tr key={app.id} className={step.overdue || phases.some((p) => p.overdue) ? 'row-overdue' : undefined}>
            <td data-label="Заявление">
              <Link to={paths.application(app.id)}>№ {app.number}</Link>
              <br />
              <span className="muted">{serviceTitle(app.service)}</span>
            </td>
            <td data-label="Этап">
              {step.title}
              {step.role && <span className="muted"> — {titlesOf(app.service).role(step.role)}</span>}
            </td>
            <td data-label="Срок этапа">
              {step.due ? formatDate(step.due.date) : '—'} <OverdueBadge overdue={step.overdue} />
              {phases.map((p) => (
                <span key={p.id} className="phase-due">
                  <br />
                  <span className="muted">{p.title}:</span> {p.suspendedSince ? `приостановлен с ${formatDate(p.suspendedSince)}` : p.due ? `до ${formatDate(p.due.date)}` : '—'} <OverdueBadge overdue={p.overdue} />
                </span>
              ))}
              {suspended && (
                <>
                  <br />
                  <span className="muted">срок приостановлен с {formatDate(suspended.since)}</span>
                </>
              )}
            </td>
            <td data-label="Срок услуги">{app.serviceDue ? formatDate(app.serviceDue.date) : '—'}</td>
            <td data-label="Поступило">{formatInstant(app.receivedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
