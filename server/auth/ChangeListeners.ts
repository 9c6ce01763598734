/**
 * A set of callbacks told that something changed (sessions ended, users re-read), without saying
 * what: whoever listens checks again what it depends on. A listener that throws does not keep the
 * others from being told.
 */
export class ChangeListeners {
  readonly #listeners = new Set<() => void>();

  /** Calls `listener` after every change from now on; returns the function that stops it. */
  add(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  tell(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // A listener's own failure is its business; the change has happened either way.
      }
    }
  }
}
