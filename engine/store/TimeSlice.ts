import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a run of synchronous file calls may hold the event loop before requests get their turn. */
const SLICE_MS = 2;

/**
 * Background file work (a checkpoint) done with synchronous calls, in slices: each call is far
 * cheaper than a thread-pool round trip, and after SLICE_MS of them the work waits for the next turn of
 * the event loop, so a request never waits behind more than a slice.
 */
export class TimeSlice {
  #start = performance.now();

  async yieldIfSpent(): Promise<void> {
    if (performance.now() - this.#start < SLICE_MS) return;
    await nextTurn();
    this.#start = performance.now();
  }
}
