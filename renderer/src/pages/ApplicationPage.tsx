/** The page of one application (see ApplicationDetails); signed-in users only. */
import { ApiError } from '../api/ApiError.ts';
import { getApplication } from '../api/endpoints.ts';
import { ApplicationDetails } from '../components/ApplicationDetails.tsx';
import { LoadFailure } from '../components/LoadFailure.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

export function ApplicationPage({ id }: { id: string }) {
  const { token } = useSession();
  const view = useResource(() => (token ? getApplication(id, token) : Promise.reject(new ApiError(401, ''))), `${id}@${token ?? ''}`);
  if (!token) return <LoadFailure error={new ApiError(401, '')} />;
  return <Loaded resource={view} what="Загрузка заявления">{(v) => <ApplicationDetails view={v} token={token} onChange={view.set} onReload={view.reload} />}</Loaded>;
}
