/** Renders a resource once it has loaded: a loading note before, the failure if it failed. */
import type { ReactNode } from 'react';
import type { Resource } from '../session/useResource.ts';
import { LoadFailure } from './LoadFailure.tsx';
import { Loading } from './Loading.tsx';

export function Loaded<T>({ resource, what, children }: { resource: Resource<T>; what?: string; children: (data: T) => ReactNode }) {
  if (resource.error !== undefined) return <LoadFailure error={resource.error} retry={resource.reload} />;
  if (resource.data === undefined) return <Loading what={what} />;
  return <>{children(resource.data)}</>;
}
