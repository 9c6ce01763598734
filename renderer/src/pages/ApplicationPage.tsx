/**
 * The page of one application (see ApplicationDetails); signed-in users only. It follows the region's
 * live updates: when someone else changes the application, the page reloads it, unless the user has a
 * task form open; then it says so and waits (acting anyway meets the server's 409 and its message).
 */
import { useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { getApplication } from '../api/endpoints.ts';
import { ApplicationDetails } from '../components/ApplicationDetails.tsx';
import { LoadFailure } from '../components/LoadFailure.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { useRegionEvents } from '../live/useRegionEvents.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

export function ApplicationPage({ id }: { id: string }) {
  const { token } = useSession();
  const view = useResource(() => (token ? getApplication(id, token) : Promise.reject(new ApiError(401, ''))), `${id}@${token ?? ''}`);
  const editing = useRef(false);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const [refreshed, setRefreshed] = useState(false);
  const shown = view.data?.application;
  const version = useRef(0);
  version.current = shown?.version ?? 0;
  useRegionEvents(shown?.region ?? '', shown ? token : null, (change) => {
    if (change !== null && change.id !== id) return;
    // The user's own action announces itself too, often before its answer arrives: look again once
    // the answer had time to come, and act only on a version the page still has not seen.
    setTimeout(() => {
      if (change !== null && change.version <= version.current) return;
      if (editing.current) {
        setChangedElsewhere(true);
        return;
      }
      setRefreshed(true);
      view.reload();
    }, 400);
  });
  if (!token) return <LoadFailure error={new ApiError(401, '')} />;
  return (
    <>
      {changedElsewhere && (
        <div className="notice" role="status">
          <p>Заявление изменил другой сотрудник. Обновите его, прежде чем действовать.</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setChangedElsewhere(false);
              view.reload();
            }}
          >
            Обновить
          </button>
        </div>
      )}
      {refreshed && !changedElsewhere && (
        <p className="muted live-note" role="status">
          Заявление обновлено: его изменил другой сотрудник.
        </p>
      )}
      <Loaded resource={view} what="Загрузка заявления">
        {(v) => (
          <ApplicationDetails
            view={v}
            token={token}
            onChange={(next) => {
              setRefreshed(false);
              view.set(next);
            }}
            onReload={view.reload}
            onEditing={(open) => (editing.current = open)}
          />
        )}
      </Loaded>
    </>
  );
}
