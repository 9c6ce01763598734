import { open, type FileHandle } from 'node:fs/promises';
import { PRIVATE_FILE } from './RecordFile.ts';

/**
 * An append-only text log whose appends resolve once the lines are on disk (fdatasync).
 * Appends that arrive while a flush is running are written together by the next flush
 * (group commit), so concurrent writers share one fdatasync instead of queueing one each.
 *
 * Fail-stop: after a failed write or sync the file may hold a partial batch and the state of the
 * unsynced pages is unknown, so every later append is refused; appending after it could put valid
 * lines behind a broken one.
 */
export class AppendLog {
  #handle: FileHandle | undefined;
  #pending: string[] = [];
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;
  #failed: unknown;
  #syncs = 0;
  #bytes = 0;

  constructor(readonly path: string) {}

  /** Opens for appending, creating the file if needed; `bytes` starts at its current size. */
  async open(): Promise<void> {
    this.#handle = await open(this.path, 'a', PRIVATE_FILE);
    this.#bytes = (await this.#handle.stat()).size;
  }

  /** fdatasync calls made so far (one per flushed batch). */
  get syncs(): number {
    return this.#syncs;
  }

  /** Size of the file: what it held when opened plus every byte appended since. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Appends whole lines (each must end with "\n"). No lines is allowed: it resolves once every line
   * appended before it is on disk, and adds nothing to the file.
   */
  append(lines: readonly string[]): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(new Error(`log ${this.path} failed earlier and takes no more lines`, { cause: this.#failed }));
    if (!this.#handle) return Promise.reject(new Error(`log ${this.path} is not open`));
    return new Promise((resolve, reject) => {
      for (const line of lines) this.#pending.push(line);
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
    // Waiters too: an append of no lines waits for the batches before it, and has nothing to write.
    while (this.#pending.length > 0 || this.#waiters.length > 0) {
      const text = this.#pending.join('');
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      try {
        if (this.#failed !== undefined) throw new Error(`log ${this.path} failed earlier and takes no more lines`, { cause: this.#failed });
        if (text === '') {
          for (const waiter of waiters) waiter.resolve();
          continue;
        }
        await this.#handle!.appendFile(text, 'utf8');
        this.#bytes += Buffer.byteLength(text);
        await this.#handle!.datasync();
        this.#syncs++;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.#failed ??= error;
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.#flushing = undefined;
  }
}
