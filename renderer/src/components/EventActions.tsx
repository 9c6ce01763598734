/**
 * What the signed-in user may do with the application now (allowedEvents): a button per action that
 * opens its task form. A version conflict offers to reload.
 */
import { useState } from 'react';
import type { ApplicationBody } from '../api/types.ts';
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
      <ul className="actions">
        {view.allowedEvents.map((a) => (
          <li key={a.event}>
            <button type="button" className={open === a.event ? 'primary' : 'secondary'} aria-expanded={open === a.event} onClick={() => setOpen(open === a.event ? null : a.event)}>
              {a.title}
            </button>
          </li>
        ))}
      </ul>
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
