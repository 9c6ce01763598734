/**
 * Where an application stands: current step and who is responsible, its due date, the open phases of
 * the procedure with theirs, whether the terms stand («срок приостановлен с …»), the service's due date,
 * receipt and registration, fee, outcome.
 */
import type { ProcedureTitles } from '../api/procedureTitles.ts';
import type { ApplicationBody } from '../api/types.ts';
import { formatDate, formatInstant } from '../format/dates.ts';
import { DueDateText } from './DueDateText.tsx';
import { FeeText } from './FeeText.tsx';
import { ClauseText } from './ClauseText.tsx';
import { OverdueBadge } from './OverdueBadge.tsx';
import { SuspendedNotice } from './SuspendedNotice.tsx';

export function StepSummary({ view, titles }: { view: ApplicationBody; titles: ProcedureTitles }) {
  const { application: app, step } = view;
  const registered = app.history.length > 1;
  return (
    <>
    <SuspendedNotice suspended={view.suspended} />
    <dl className="facts step-summary">
      <dt>{app.final ? 'Итог' : 'Текущий этап'}</dt>
      <dd>
        <strong>{step.title}</strong> <OverdueBadge overdue={step.overdue} />
      </dd>
      {!app.final && step.role && (
        <>
          <dt>Исполнитель этапа</dt>
          <dd>{titles.role(step.role)}</dd>
        </>
      )}
      {!app.final && step.due && (
        <>
          <dt>Срок этапа</dt>
          <dd>
            до <DueDateText due={step.due} />
          </dd>
        </>
      )}
      {view.phases.map((phase) => (
        <div key={phase.id} className="phase">
          <dt>
            {phase.title}
            <ClauseText clause={phase.clause} />
          </dt>
          <dd>
            {phase.suspendedSince ? (
              <>срок приостановлен с {formatDate(phase.suspendedSince)}</>
            ) : phase.due ? (
              <>
                до <DueDateText due={phase.due} /> <OverdueBadge overdue={phase.overdue} />
              </>
            ) : (
              'срок не определен'
            )}
          </dd>
        </div>
      ))}
      <dt>Срок предоставления услуги</dt>
      <dd>
        {app.serviceDue ? (
          <>
            до <DueDateText due={app.serviceDue} />
          </>
        ) : (
          'не установлен регламентом'
        )}
      </dd>
      <dt>Поступило</dt>
      <dd>{formatInstant(app.receivedAt)}</dd>
      {/* Until staff take the first step, the registration date is what the regulation's rules give, not a fact. */}
      <dt>{registered ? 'Дата регистрации' : 'Регистрация (прогноз)'}</dt>
      <dd>{formatDate(app.registeredOn)}</dd>
      <dt>Пошлина</dt>
      <dd>
        <FeeText fee={app.fee} />
      </dd>
      {app.licence && (
        <>
          <dt>Лицензия</dt>
          <dd>{app.licence}</dd>
        </>
      )}
    </dl>
    </>
  );
}
