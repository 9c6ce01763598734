import { AppendLog } from './AppendLog.ts';
import { syncDirectory } from './durableWrite.ts';

/**
 * What a run of writes touched and a checkpoint must make durable before the log holding those
 * writes may be deleted: record files and their directories (fsync), and the index entries of the
 * applications and licences they changed (appended to the index logs).
 */
export class Touched {
  readonly files = new Set<string>();
  readonly dirs = new Set<string>();
  readonly applications = new Set<string>();
  readonly licences = new Set<string>();
  /** Uploads filed with an application: moved from uploads/ to attachments/ once their record is durable. */
  readonly uploads = new Set<string>();
  /** Record files to delete once the staged ones are durable (an outbox entry moved to outbox-done/). */
  readonly removals = new Set<string>();

  file(path: string, dir: string): void {
    this.files.add(path);
    this.dirs.add(dir);
  }
}

/**
 * One write-ahead log file (wal/<number>.jsonl) and what its writes touched. A write calls `begin()`
 * before appending and `end()` once its record files are written, so `drained()` tells a checkpoint
 * that every write logged in this file is materialized.
 */
export class WalGeneration {
  readonly log: AppendLog;
  readonly touched = new Touched();
  #inFlight = 0;
  #onDrained: (() => void)[] = [];

  private constructor(
    readonly number: number,
    readonly path: string,
  ) {
    this.log = new AppendLog(path);
  }

  /** Creates the file and makes its directory entry durable, so synced lines in it survive a crash. */
  static async open(number: number, path: string, dir: string): Promise<WalGeneration> {
    const generation = new WalGeneration(number, path);
    await generation.log.open();
    await syncDirectory(dir);
    return generation;
  }

  begin(): void {
    this.#inFlight++;
  }

  end(): void {
    if (--this.#inFlight === 0) for (const resolve of this.#onDrained.splice(0)) resolve();
  }

  /** Resolves when no write that began in this file is still running. */
  drained(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#onDrained.push(resolve));
  }
}
