/**
 * Sessions ended in one server process reach the others through the store: a process that re-reads
 * it tells its listeners (its live streams then end) of sessions newly ended elsewhere, and only then.
 */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { SessionRevocations } from '../../server/auth/sessionRevocations.ts';

describe('SessionRevocations', () => {
  it('tells its listeners of a logout here at once, and of one in another process when it re-reads the store', async () => {
    const store = memoryStore();
    await store.init();
    const now = () => new Date('2025-03-03T07:00:00Z');
    const here = new SessionRevocations(store, now);
    const there = new SessionRevocations(store, now);
    let toldHere = 0;
    let toldThere = 0;
    here.onChange(() => toldHere++);
    const stop = there.onChange(() => toldThere++);

    await here.revoke('s1', Date.parse('2025-03-03T15:00:00Z'));
    expect([toldHere, toldThere]).toEqual([1, 0]);
    expect(there.isRevoked('s1')).toBe(false);

    await there.load();
    expect(there.isRevoked('s1')).toBe(true);
    expect(toldThere).toBe(1);
    // Nothing new in the store: nobody is told again.
    await there.load();
    expect(toldThere).toBe(1);

    stop();
    await here.revoke('s2', Date.parse('2025-03-03T15:00:00Z'));
    await there.load();
    expect(there.isRevoked('s2')).toBe(true);
    expect(toldThere).toBe(1);
  });
});
