import { open, type FileHandle } from 'node:fs/promises';

/**
 * An append-only text log whose appends resolve once the lines are on disk (fdatasync).
 * Appends that arrive while a flush is running are written together by the next flush
 * (group commit), so concurrent writers share one fdatasync instead of queueing one each.
 */
export class AppendLog {
  #handle: FileHandle | undefined;
  #pending: string[] = [];
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    this.#handle = await open(this.path, 'a');
  }

  /** Appends whole lines (each must end with "\n"). */
  append(lines: readonly string[]): Promise<void> {
    if (!this.#handle) return Promise.reject(new Error(`log ${this.path} is not open`));
    return new Promise((resolve, reject) => {
      this.#pending.push(...lines);
      this.#waiters.push({ resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  async close(): Promise<void> {
    await this.#flushing;
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const text = this.#pending.join('');
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      try {
        await this.#handle!.appendFile(text, 'utf8');
        await this.#handle!.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.#flushing = undefined;
  }
}
