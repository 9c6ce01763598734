import type { IsoInstant, RevokedSession } from '../api.ts';

/**
 * Revoked sessions held in memory (the memory store; the file store's copy of its file): one end per
 * session id, the later one winning, ended sessions dropped whenever the set is listed or saved.
 */
export class RevokedSessionSet {
  readonly #until = new Map<string, number>();

  constructor(sessions: readonly RevokedSession[] = []) {
    for (const session of sessions) this.add(session);
  }

  add(session: RevokedSession): void {
    const until = Date.parse(session.until);
    if (Number.isNaN(until)) throw new RangeError(`revoked session ${session.id}: "until" is not an instant: "${session.until}"`);
    if ((this.#until.get(session.id) ?? -Infinity) < until) this.#until.set(session.id, until);
  }

  /** Every session held (for saving). */
  all(): RevokedSession[] {
    return [...this.#until].map(([id, until]) => ({ id, until: new Date(until).toISOString() }));
  }

  /** Sessions still revoked after `now` (the caller's clock); the others are forgotten. */
  list(now: IsoInstant): RevokedSession[] {
    const at = Date.parse(now);
    const out: RevokedSession[] = [];
    for (const [id, until] of this.#until) {
      if (until > at) out.push({ id, until: new Date(until).toISOString() });
      else this.#until.delete(id);
    }
    return out;
  }
}
