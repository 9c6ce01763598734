/**
 * A tiny hash router: the page lives after "#" ("#/r/<region>/inbox?overdue=1"), so the server only
 * ever serves index.html at "/". Returns the path and query of the current hash and re-renders on change.
 */
import { useSyncExternalStore } from 'react';

export interface HashLocation {
  readonly path: string;
  readonly query: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** Splits "#/a/b?x=1" into its path and query. */
export function parseHash(hash: string): HashLocation {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)) || '/';
  return { path, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

export function useHashLocation(): HashLocation {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseHash(hash);
}

/** Goes to an in-app address such as "/applications/42". */
export function navigate(to: string): void {
  window.location.hash = to;
}
