/**
 * Sessions ended by logout, as every request checks them: a map in memory (one lookup per request),
 * kept in the store so a restart, or another server process on the same database, refuses them too.
 * A logout writes to the store first, then to the map; other processes pick it up when they next
 * re-read the store (`follow`, every few seconds). Listeners (`onChange`) hear of every session newly
 * ended, by this process or, once re-read, by another: the live streams of that session end then.
 */
import type { Store } from '../../engine/api.ts';
import { ChangeListeners } from './ChangeListeners.ts';

export class SessionRevocations {
  /** Session id -> when it would have ended anyway (ms since the epoch). */
  #until = new Map<string, number>();
  readonly #changes = new ChangeListeners();

  /** `store` null: this process only (an app built without one, in tests). */
  constructor(
    private readonly store: Pick<Store, 'revokeSession' | 'revokedSessions'> | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether the session was ended. */
  isRevoked(sid: string): boolean {
    const until = this.#until.get(sid);
    return until !== undefined && until > this.now().getTime();
  }

  /** Ends a session that would otherwise last until `untilMs`. */
  async revoke(sid: string, untilMs: number): Promise<void> {
    await this.store?.revokeSession({ id: sid, until: new Date(untilMs).toISOString() });
    this.#until.set(sid, Math.max(untilMs, this.#until.get(sid) ?? 0));
    this.#changes.tell();
  }

  /** Calls `listener` whenever a session is newly ended (here, or by another process once re-read); returns the function that stops it. */
  onChange(listener: () => void): () => void {
    return this.#changes.add(listener);
  }

  /** Re-reads the store, keeping what this process revoked meanwhile and forgetting ended sessions. */
  async load(): Promise<void> {
    if (!this.store) return;
    const nowMs = this.now().getTime();
    const next = new Map<string, number>();
    for (const s of await this.store.revokedSessions(new Date(nowMs).toISOString())) next.set(s.id, Date.parse(s.until));
    for (const [sid, until] of this.#until) if (until > nowMs && (next.get(sid) ?? 0) < until) next.set(sid, until);
    const ended = [...next.keys()].some((sid) => !this.#until.has(sid));
    this.#until = next;
    if (ended) this.#changes.tell();
  }

  /** Re-reads the store every `intervalMs` until the returned function is called. */
  follow(intervalMs: number, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => void this.load().catch(onError), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
