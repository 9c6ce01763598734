import { randomUUID } from 'node:crypto';
import type { ApplicationChange, ApplicationRecord } from '../api.ts';

/**
 * The change announcements of a store that lives in one process (memory, lowdb): each acknowledged
 * write is told to every listener, after the write, in the order writes were acknowledged. A listener
 * that throws is not allowed to break the write or the other listeners.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(change: ApplicationChange) => void>();

  async watch(listener: (change: ApplicationChange) => void): Promise<() => Promise<void>> {
    this.#listeners.add(listener);
    return async () => {
      this.#listeners.delete(listener);
    };
  }

  /** Announces that `app` was written. */
  written(app: ApplicationRecord): void {
    if (this.#listeners.size === 0) return;
    const change = changeOf(app, randomUUID());
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // A broken listener is its owner's problem; the write has happened.
      }
    }
  }
}

/** The announcement of a write of `app`. */
export function changeOf(app: ApplicationRecord, id: string): ApplicationChange {
  return { id, applicationId: app.id, region: app.region, applicantId: app.applicantId, version: app.version };
}
