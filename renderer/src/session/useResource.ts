/**
 * Loads something asynchronously for a component: the value, the error, and a way to load again.
 * A newer load (other `key`) makes the older one's answer be ignored.
 */
import { useCallback, useEffect, useState } from 'react';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
  /** Replaces the value without loading (e.g. with the answer of a POST). */
  set(value: T): void;
}

export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({ key, loading: true });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, loading: true }));
    load().then(
      (data) => current && setState({ key, data, loading: false }),
      (error: unknown) => current && setState({ key, error, loading: false }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something else.
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((data: T) => setState({ key, data, loading: false }), [key]);
  const fresh = state.key === key;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, loading: !fresh || state.loading, reload, set };
}
