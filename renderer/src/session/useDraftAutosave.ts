/**
 * Saves an application form on the server as the applicant fills it in: a moment after they stop
 * typing (debounced), when they leave the page (a request that outlives it, fetch keepalive), and when
 * they move elsewhere in the app. The first save creates the draft; later ones send the version last
 * saved, so a page left open in another tab cannot silently overwrite newer answers (409: the page
 * says so and stops saving).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { createDraft, saveDraft } from '../api/endpoints.ts';
import type { Draft } from '../api/types.ts';

const PAUSE_MS = 1500;

export type DraftStatus = { readonly kind: 'idle' } | { readonly kind: 'saving' } | { readonly kind: 'saved'; readonly at: string } | { readonly kind: 'failed' } | { readonly kind: 'conflict' };

export interface DraftAutosave {
  readonly status: DraftStatus;
  /** The draft's id once it exists. */
  readonly id: string | null;
  /**
   * Saves what is pending now (before moving to another step of filing or filing) and gives the draft's
   * id then: the `id` above is the render's, and a save this flush makes may be the one creating it.
   */
  flush(): Promise<string | null>;
}

export function useDraftAutosave(options: {
  readonly region: string;
  readonly service: string;
  readonly token: string | null;
  /** The draft the page opened with, if any. */
  readonly initial: Pick<Draft, 'id' | 'version'> | null;
  readonly data: Record<string, unknown>;
  /** The data the page opened with: nothing to save until it changes. */
  readonly initialData: Record<string, unknown>;
  /** Called once the first save has created the draft (to put its id in the address). */
  readonly onCreated: (id: string) => void;
  /**
   * False until the applicant has typed or chosen something: what the form fills in by itself when it
   * opens (its defaults) is not a draft worth keeping.
   */
  readonly edited: boolean;
}): DraftAutosave {
  const { region, service, token, data, onCreated } = options;
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const draft = useRef<Pick<Draft, 'id' | 'version'> | null>(options.initial);
  const [id, setId] = useState<string | null>(options.initial?.id ?? null);
  const saved = useRef(JSON.stringify(options.initialData));
  const latest = useRef(data);
  latest.current = data;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const stopped = useRef(false);
  const created = useRef(onCreated);
  created.current = onCreated;

  const save = useCallback(
    (keepalive = false): Promise<void> => {
      const run = async () => {
        const text = JSON.stringify(latest.current);
        if (!token || stopped.current || text === saved.current) return;
        setStatus({ kind: 'saving' });
        try {
          const next = draft.current
            ? await saveDraft(draft.current.id, latest.current, draft.current.version, token, keepalive)
            : await createDraft(region, service, latest.current, token, keepalive);
          const isNew = draft.current === null;
          draft.current = { id: next.id, version: next.version };
          saved.current = text;
          setStatus({ kind: 'saved', at: next.updatedAt });
          if (isNew) {
            setId(next.id);
            created.current(next.id);
          }
        } catch (e) {
          if (isApiError(e) && e.status === 409) {
            stopped.current = true;
            setStatus({ kind: 'conflict' });
          } else setStatus({ kind: 'failed' });
        }
      };
      // One save at a time, in order: a later save must carry the version the earlier one got.
      chain.current = chain.current.then(run, run);
      return chain.current;
    },
    [region, service, token],
  );

  const key = JSON.stringify(data);
  useEffect(() => {
    if (!options.edited) {
      saved.current = key;
      return;
    }
    if (!token || key === saved.current) return;
    const timer = setTimeout(() => void save(), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key, token, save, options.edited]);

  useEffect(() => {
    // Leaving the page (closing the tab, reloading, going to another site): a request that outlives it.
    const leave = () => {
      if (JSON.stringify(latest.current) !== saved.current) void save(true);
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave(); // moving elsewhere in the app
    };
  }, [save]);

  return { status, id, flush: () => save().then(() => draft.current?.id ?? null) };
}
