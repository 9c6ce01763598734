/**
 * One action on an application: the event's task form generated from the config (or a confirmation
 * when the event carries no data), sent with the version of the application last seen.
 */
import { isApiError } from '../api/ApiError.ts';
import { sendEvent } from '../api/endpoints.ts';
import type { ApplicationBody } from '../api/types.ts';
import { unreadChanged } from '../session/unreadCount.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { TaskPayloadForm } from './TaskPayloadForm.tsx';

export interface TaskFormProps {
  readonly view: ApplicationBody;
  readonly action: ApplicationBody['allowedEvents'][number];
  readonly token: string;
  readonly onSent: (next: ApplicationBody) => void;
  /** The application changed meanwhile (409). */
  readonly onConflict: () => void;
  readonly onCancel: () => void;
}

export function TaskForm({ view, action, token, onSent, onConflict, onCancel }: TaskFormProps) {
  const app = view.application;
  const send = async (payload: Record<string, unknown>) => {
    try {
      onSent(await sendEvent(app.id, action.event, payload, app.version, token));
      // A step may have delivered documents to the user (e.g. the notice of a withdrawal).
      unreadChanged();
    } catch (e) {
      if (isApiError(e) && e.status === 409) onConflict();
      else throw e;
    }
  };
  const headingId = `task-${action.event}`;
  return (
    <section className="task" aria-labelledby={headingId}>
      <h3 id={headingId}>{action.title}</h3>
      {action.payloadForm ? (
        <TaskPayloadForm view={view} formId={action.payloadForm} label={action.title} idPrefix={headingId} send={send} event={action.event} token={token} />
      ) : (
        <ConfirmAction label={action.title} send={send} />
      )}
      <button type="button" className="secondary" onClick={onCancel}>
        Отмена
      </button>
    </section>
  );
}
