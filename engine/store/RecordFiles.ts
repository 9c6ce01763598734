import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Low, LowSync, type SyncAdapter } from 'lowdb';
import { DurableJsonFile } from './DurableJsonFile.ts';
import { syncDirectory, syncFileSystem } from './durableWrite.ts';

/**
 * The record files (one JSON file per application, licence, document, sequence), read and written
 * through lowdb: reads are `Low` over a JSON file adapter, writes `LowSync` over InPlaceTextFile.
 *
 * Writes are not synced: the write-ahead log holds every write until a checkpoint has made the
 * files durable (`sync`), and replays it after a crash. A write overwrites the file in place, synchronously on
 * the calling thread: for a small file in the page cache that is a few tens of microseconds, cheaper
 * than four thread-pool round trips, and ext4 does not flush on it as it does on a rename over an
 * existing file. In-place is not atomic, so a read that overlapped a write of the same file (reads run
 * on the thread pool) may see a mix of two versions: `#reading` tracks, per file being read, the writes
 * made meanwhile and the last text written, and such a read returns that text (what the file now holds)
 * instead. Texts are kept only while a read of their file is in flight.
 */
export class RecordFiles {
  /** How `sync` makes files durable: one syncfs for all, or an fdatasync each (decided by the first sync). */
  #mode: 'filesystem' | 'each file' | undefined;
  readonly #reading = new Map<string, { readers: number; writes: number; latest?: string }>();
  /** Texts whose write failed: served to reads until a restart replays them from the log. */
  readonly #unwritten = new Map<string, string>();
  readonly #dirs = new Set<string>();

  /** Writes a record's JSON text; throws (keeping the text for reads) if the file could not be written. */
  write(path: string, text: string): void {
    const watch = this.#reading.get(path);
    if (watch) {
      watch.writes++;
      watch.latest = text;
    }
    try {
      new LowSync<string>(new InPlaceTextFile(path), text).write();
      this.#unwritten.delete(path);
    } catch (error) {
      this.#unwritten.set(path, text);
      throw error;
    }
  }

  /** Creates a directory (and its parents) once per process. */
  ensureDirectory(dir: string): void {
    if (this.#dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.#dirs.add(dir);
  }

  /** The record, or null if there is no file. */
  async read<T>(path: string): Promise<T | null> {
    const unwritten = this.#unwritten.get(path);
    if (unwritten !== undefined) return JSON.parse(unwritten) as T;
    let watch = this.#reading.get(path);
    if (!watch) this.#reading.set(path, (watch = { readers: 0, writes: 0 }));
    const writesBefore = watch.writes;
    watch.readers++;
    try {
      const db = new Low<T | null>(new DurableJsonFile<T | null>(path), null);
      await db.read();
      if (watch.writes === writesBefore) return db.data;
    } catch (error) {
      if (watch.writes === writesBefore) throw error;
    } finally {
      if (--watch.readers === 0) this.#reading.delete(path);
    }
    // A write landed while the file was being read, so what was read may mix two versions.
    return JSON.parse(watch.latest!) as T;
  }

  /** Reads a record at start-up (nothing else runs): a file that does not parse counts as missing. */
  readForReplay<T>(path: string): T | null {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch (error) {
      if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  constructor(readonly root: string) {}

  /**
   * The first sync also decides how later ones work: if one syncfs of the filesystem holding `root`
   * succeeds, every later sync is a syncfs; if it fails (no `sync -f` here, or an error), the files
   * are synced one by one now and from then on (`eachFile` asks for that from the start). A per-file
   * fsync still reports a writeback error syncfs saw first: the two track errors separately (the
   * file's mapping and the superblock). After the first sync, a syncfs failure is just an error.
   */
  async sync(files: Iterable<string>, dirs: Iterable<string>, options: { readonly eachFile?: boolean } = {}): Promise<void> {
    if (this.#mode === undefined) {
      this.#mode = !options.eachFile && (await syncFileSystem(this.root).then(() => true, () => false)) ? 'filesystem' : 'each file';
      if (this.#mode === 'filesystem') return;
    }
    if (this.#mode === 'filesystem') return syncFileSystem(this.root);
    // Two at a time, so the write-ahead log's own syncs still find a free thread-pool thread.
    const queue = [...files];
    const worker = async () => {
      for (let path = queue.pop(); path !== undefined; path = queue.pop()) await syncFile(path);
    };
    await Promise.all([worker(), worker()]);
    for (const dir of dirs) await syncDirectory(dir);
  }
}

/** A lowdb adapter that overwrites a text file in place, synchronously, without syncing it. */
export class InPlaceTextFile implements SyncAdapter<string> {
  constructor(readonly path: string) {}

  read(): string | null {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    // No O_TRUNC: ext4 flushes a file truncated to zero when it is closed (auto_da_alloc).
    const fd = openSync(this.path, constants.O_WRONLY | constants.O_CREAT, 0o666);
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, done);
      ftruncateSync(fd, bytes.length);
    } finally {
      closeSync(fd);
    }
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
