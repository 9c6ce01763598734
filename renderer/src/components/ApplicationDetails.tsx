/**
 * One application, for its applicant and for the region's staff alike: where it stands, what the user
 * may do now (each action with its generated task form), the documents, the history, the data filed
 * and entered at each step, and a link to the procedure diagram with the current step marked.
 */
import { getRegionConfig, getServiceForm } from '../api/endpoints.ts';
import { procedureTitles } from '../api/procedureTitles.ts';
import type { ApplicationBody } from '../api/types.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';
import { AssignmentPanel } from './AssignmentPanel.tsx';
import { DeliveryList } from './DeliveryList.tsx';
import { DocumentList } from './DocumentList.tsx';
import { EventActions } from './EventActions.tsx';
import { FormData } from './FormData.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { PageTitle } from './PageTitle.tsx';
import { StepDataList } from './StepDataList.tsx';
import { StepSummary } from './StepSummary.tsx';

export interface ApplicationDetailsProps {
  readonly view: ApplicationBody;
  readonly token: string;
  /** The application after an action, as the server answered. */
  readonly onChange: (next: ApplicationBody) => void;
  readonly onReload: () => void;
  /** Told whether a task form is open (a live update then waits for the user instead of replacing the page). */
  readonly onEditing?: (editing: boolean) => void;
}

export function ApplicationDetails({ view, token, onChange, onReload, onEditing }: ApplicationDetailsProps) {
  const app = view.application;
  const config = useResource(() => getRegionConfig(app.region), app.region);
  const form = useResource(() => getServiceForm(app.region, app.service), `${app.region}/${app.service}`);
  const titles = procedureTitles(config.data, app.service);
  const serviceTitle = config.data?.services.find((s) => s.id === app.service)?.title ?? '';
  const { user } = useSession();
  // Staff of the region (an inbox role, not the applicant's) mark paper copies done.
  const staff = user !== null && user.login !== app.applicantId && (config.data?.roles ?? []).some((r) => r.inbox && !r.applicant && user.roles.includes(r.id));

  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.region(app.region)}>{config.data?.title ?? app.region}</Link> / {serviceTitle}
      </p>
      <PageTitle text={`Заявление № ${app.number}`}>
        Заявление <span className="application-number">№ {app.number}</span>
      </PageTitle>
      {serviceTitle && <p className="lead">{serviceTitle}</p>}
      <StepSummary view={view} titles={titles} />
      <p>
        <Link to={paths.config(app.region, app.service, app.state)}>Схема процедуры с текущим этапом</Link>
      </p>

      <AssignmentPanel view={view} token={token} onChange={onChange} />

      {view.allowedEvents.length > 0 && (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Действия</h2>
          <EventActions view={view} token={token} onSent={onChange} onReload={onReload} onEditing={onEditing} />
        </section>
      )}

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">Документы</h2>
        <DocumentList documents={app.documents} />
      </section>

      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Направление документов</h2>
        <DeliveryList applicationId={app.id} token={token} staff={staff} />
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">История</h2>
        <HistoryTimeline history={app.history} titles={titles} />
      </section>

      <section aria-labelledby="submission-title">
        <h2 id="submission-title">Сведения заявления</h2>
        <details className="step-data">
          <summary>Показать заявление</summary>
          <FormData form={form} data={app.submission} />
        </details>
      </section>

      <StepDataList application={app} titles={titles} />
    </>
  );
}
