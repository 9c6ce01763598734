/**
 * The inbox as a dense table, one case a row: number, applicant with ИНН/ОГРН, service, step with its
 * role and holder, the step's, phase's and service's due dates (late ones in words, with working days
 * late), receipt. Every column header sorts; sorting again by the same column turns the order round.
 */
import type { InboxRow, InboxSort } from '../api/types.ts';
import { formatShortInstant } from '../format/dates.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { DueCell } from './DueCell.tsx';

const COLUMNS: readonly { sort: InboxSort; title: string }[] = [
  { sort: 'number', title: '№' },
  { sort: 'applicant', title: 'Заявитель' },
  { sort: 'service', title: 'Услуга' },
  { sort: 'step', title: 'Этап' },
  { sort: 'stepDue', title: 'Срок этапа' },
  { sort: 'phaseDue', title: 'Срок стадии' },
  { sort: 'serviceDue', title: 'Срок услуги' },
  { sort: 'receivedAt', title: 'Поступило' },
];

export interface InboxTableProps {
  readonly items: readonly InboxRow[];
  readonly sort: InboxSort;
  readonly dir: 'asc' | 'desc';
  readonly onSort: (sort: InboxSort, dir: 'asc' | 'desc') => void;
  readonly roleTitle: (service: string, role: string) => string;
  readonly timeZone?: string;
}

export function InboxTable({ items, sort, dir, onSort, roleTitle, timeZone }: InboxTableProps) {
  if (items.length === 0) return <p className="notice">Заявлений с такими условиями нет.</p>;
  return (
    <table className="table inbox">
      <caption className="visually-hidden">Заявления; столбцы сортируются нажатием на заголовок</caption>
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.sort} scope="col" aria-sort={sort === c.sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              <button type="button" className="sort" onClick={() => onSort(c.sort, sort === c.sort && dir === 'asc' ? 'desc' : 'asc')}>
                {c.title}
                <span aria-hidden="true">{sort === c.sort ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((row) => {
          const late = row.due.step?.overdue || row.due.phase?.overdue || row.due.service?.overdue;
          return (
            <tr key={row.id} className={late ? 'row-overdue' : undefined}>
              <td data-label="№">
                <Link to={paths.application(row.id)} className="application-number">
                  {row.number ?? row.id}
                </Link>
              </td>
              <td data-label="Заявитель">
                {row.applicantName ?? <span className="muted">—</span>}
                {row.applicantIds.length > 0 && (
                  <span className="muted ids">
                    {row.applicantIds.map((i) => (
                      <span key={i.title}>
                        {i.title} {i.value}
                      </span>
                    ))}
                  </span>
                )}
              </td>
              <td data-label="Услуга">{row.serviceTitle}</td>
              <td data-label="Этап">
                {row.stepTitle}
                {!row.final && (
                  <span className="muted ids" title={row.stepRole ? `Этап ведёт: ${roleTitle(row.service, row.stepRole)}` : undefined}>
                    {row.assignee ? `В работе: ${row.assignee.name}` : 'Не взято в работу'}
                  </span>
                )}
              </td>
              <td data-label="Срок этапа">
                <DueCell due={row.due.step} />
              </td>
              <td data-label="Срок стадии">
                <DueCell due={row.due.phase} />
              </td>
              <td data-label="Срок услуги">
                <DueCell due={row.due.service} />
              </td>
              <td data-label="Поступило">{formatShortInstant(row.receivedAt, timeZone)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
