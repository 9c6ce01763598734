import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, ReadQuery, ReadRecord } from '../api.ts';
import { AppendLog } from './AppendLog.ts';
import { syncDirectory } from './durableWrite.ts';
import { readJsonLines } from './readJsonLines.ts';
import { selectReads } from './selectReads.ts';

/** Day logs kept open at once: a record's day is almost always today's (yesterday's around midnight). */
const OPEN_DAYS = 2;

/**
 * The file store's read audit: `audit/<YYYY-MM-DD>.jsonl`, one line per read, one file per day (UTC)
 * of the read. Lines are only ever appended, through an AppendLog (a batch of reads is acknowledged
 * once fdatasync'd; concurrent batches share a sync), never rewritten; retention removes whole days.
 * Kept apart from the records and their write-ahead log: an application file never holds who read it.
 *
 * Listing reads every day file in the asked range (the last 31 days unless `from` says otherwise
 * is the server's default): the audit is consulted now and then by a controller, never on a hot path.
 */
export class ReadAuditFiles {
  /** Day -> its log, opening or open (a promise, so two appends to a new day open it once). */
  readonly #open = new Map<string, Promise<AppendLog>>();

  constructor(readonly dir: string) {}

  async append(reads: readonly ReadRecord[]): Promise<void> {
    const byDay = new Map<string, string[]>();
    for (const read of reads) {
      const day = dayOf(read.at);
      byDay.set(day, [...(byDay.get(day) ?? []), `${JSON.stringify(read)}\n`]);
    }
    await Promise.all([...byDay].map(([day, lines]) => this.#appendTo(day, lines)));
  }

  /** Appends to a day's log; if that log was closed meanwhile (an old day evicted), once more to a fresh one. */
  async #appendTo(day: string, lines: readonly string[]): Promise<void> {
    const log = this.#log(day);
    try {
      await (await log).append(lines);
    } catch (error) {
      if (this.#open.get(day) === log) throw error;
      await (await this.#log(day)).append(lines);
    }
  }

  async list(query: ReadQuery): Promise<Page<ReadRecord>> {
    const fromDay = query.from === undefined ? '' : dayOf(query.from);
    const toDay = query.to === undefined ? '\uffff' : dayOf(query.to);
    const reads: ReadRecord[] = [];
    for (const day of await this.#days()) {
      if (day < fromDay || day > toDay) continue;
      // A torn last line (a crash mid-append, never acknowledged) is skipped by readJsonLines.
      for (const read of (await readJsonLines<ReadRecord>(this.#path(day))).values) reads.push(read);
    }
    return selectReads(reads, query);
  }

  /** Removes the days wholly before `before`'s day; returns how many reads they held. */
  async prune(before: string): Promise<number> {
    const cutDay = dayOf(before);
    let removed = 0;
    for (const day of await this.#days()) {
      if (day >= cutDay) continue;
      const open = this.#open.get(day);
      this.#open.delete(day);
      if (open) await (await open).close();
      removed += (await readJsonLines(this.#path(day))).lines;
      await unlink(this.#path(day));
    }
    if (removed > 0) await syncDirectory(this.dir);
    return removed;
  }

  async close(): Promise<void> {
    const logs = [...this.#open.values()];
    this.#open.clear();
    for (const log of logs) await (await log).close();
  }

  #log(day: string): Promise<AppendLog> {
    let log = this.#open.get(day);
    if (!log) {
      log = (async () => {
        const opened = new AppendLog(this.#path(day));
        await opened.open();
        await syncDirectory(this.dir); // the day's file may be new: its entry must survive a crash too
        return opened;
      })();
      this.#open.set(day, log);
      log.catch(() => this.#open.delete(day));
      for (const old of [...this.#open.keys()].filter((d) => d !== day).sort().slice(0, -OPEN_DAYS)) {
        const closing = this.#open.get(old)!;
        this.#open.delete(old);
        // Appends already given to it finish first: close() waits for its flush.
        void closing.then((l) => l.close()).catch(() => undefined);
      }
    }
    return log;
  }

  async #days(): Promise<string[]> {
    return (await readdir(this.dir)).flatMap((name) => (DAY_FILE.test(name) ? [name.slice(0, 10)] : [])).sort();
  }

  #path(day: string): string {
    return join(this.dir, `${day}.jsonl`);
  }
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

function dayOf(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: "${instant}"`);
  return new Date(ms).toISOString().slice(0, 10);
}
