/**
 * Serialises async work per key inside one process: a run waits for every earlier run that holds
 * any of its keys. All keys of a run are taken in one synchronous step, so two runs can never each
 * hold a key the other waits for (no deadlock, whatever order the keys come in).
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const earlier = unique.map((key) => this.#tails.get(key)).filter((p): p is Promise<void> => p !== undefined);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const key of unique) this.#tails.set(key, done);
    try {
      await Promise.all(earlier);
      return await work();
    } finally {
      release();
      // Forget keys nobody queued behind, so the map does not grow with every id ever locked.
      for (const key of unique) if (this.#tails.get(key) === done) this.#tails.delete(key);
    }
  }
}
