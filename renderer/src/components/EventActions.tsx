/**
 * What the signed-in user may do with the application now (allowedEvents): a button per action that
 * opens its task form; then the actions of their role that the procedure would refuse now, each with
 * its reason (unavailableEvents: the regulation's, or who holds the case). A version conflict offers
 * to reload.
 */
import { useState } from 'react';
import type { ApplicationBody } from '../api/types.ts';
import { ClauseText } from './ClauseText.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { TaskForm } from './TaskForm.tsx';

export interface EventActionsProps {
  readonly view: ApplicationBody;
  readonly token: string;
  readonly onSent: (next: ApplicationBody) => void;
  readonly onReload: () => void;
  readonly onEditing?: (editing: boolean) => void;
}

export function EventActions({ view, token, onSent, onReload, onEditing }: EventActionsProps) {
  const [open, setOpenState] = useState<string | null>(null);
  const setOpen = (event: string | null) => {
    setOpenState(event);
    onEditing?.(event !== null);
  };
  const [conflict, setConflict] = useState(false);
  const action = view.allowedEvents.find((a) => a.event === open);

  if (conflict) {
    return (
      <ConflictNotice
        onReload={() => {
          setConflict(false);
          setOpen(null);
          onReload();
        }}
      />
    );
  }
  return (
    <>
      {view.allowedEvents.length > 0 && (
        <ul className="actions">
          {view.allowedEvents.map((a) => (
            <li key={a.event}>
              <button type="button" className={open === a.event ? 'primary' : 'secondary'} aria-expanded={open === a.event} onClick={() => setOpen(open === a.event ? null : a.event)}>
                {a.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {view.unavailableEvents.length > 0 && (
        <ul className="unavailable-actions">
          {view.unavailableEvents.map((a) => (
            <li key={a.event}>
              <strong>{a.title}</strong> — недоступно. {a.reason}
              <ClauseText clause={a.clause} />
            </li>
          ))}
        </ul>
      )}
      {action && (
        <TaskForm
          key={`${action.event}@${view.application.version}`}
          view={view}
          action={action}
          token={token}
          onSent={(next) => {
            setOpen(null);
            onSent(next);
          }}
          onConflict={() => setConflict(true)}
          onCancel={() => setOpen(null)}
        />
      )}
    </>
  );
}
