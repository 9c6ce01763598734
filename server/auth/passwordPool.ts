/**
 * Runs password checks a few at a time. scrypt is deliberately slow and memory-hard, and each run holds
 * one of libuv's threads (4 by default) for its whole duration; file reads, DNS and WebCrypto use the
 * same threads. Unbounded, a flood of logins fills every thread and every other request waits behind
 * it. Here at most `concurrency` checks run at once and at most `maxQueued` wait; beyond that a login is
 * answered "busy" at once (503) rather than queued for seconds.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { verifyPassword } from './password.ts';

export interface PasswordPoolOptions {
  /** Checks running at once. Default 1: three of libuv's four threads stay free for everything else. */
  readonly concurrency?: number;
  /** Checks allowed to wait for a turn; more are refused. Default 64. */
  readonly maxQueued?: number;
}

export const DEFAULT_PASSWORD_POOL: Required<PasswordPoolOptions> = { concurrency: 1, maxQueued: 64 };

export class PasswordPool {
  readonly #limit: LimitFunction;
  readonly #maxQueued: number;

  constructor(options: PasswordPoolOptions = {}) {
    this.#limit = pLimit(options.concurrency ?? DEFAULT_PASSWORD_POOL.concurrency);
    this.#maxQueued = options.maxQueued ?? DEFAULT_PASSWORD_POOL.maxQueued;
  }

  /** true or false as verifyPassword says, or 'busy' when too many checks are already waiting. */
  verify(password: string, stored: string): Promise<boolean | 'busy'> {
    if (this.#limit.pendingCount >= this.#maxQueued) return Promise.resolve('busy');
    return this.#limit(() => verifyPassword(password, stored));
  }

  /** Checks running and waiting now (for metrics and tests). */
  get load(): { readonly active: number; readonly queued: number } {
    return { active: this.#limit.activeCount, queued: this.#limit.pendingCount };
  }
}
