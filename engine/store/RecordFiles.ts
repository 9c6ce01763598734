import { chmod, mkdir, open } from 'node:fs/promises';
import { Low, LowSync } from 'lowdb';
import { syncDirectory, syncFileSystem } from './durableWrite.ts';
import { PRIVATE_DIR, RecordFile, RecordFileSync } from './RecordFile.ts';
import { TimeSlice } from './TimeSlice.ts';

/**
 * The record files (one JSON file per application, licence, document, sequence) behind a write-behind
 * buffer, written through lowdb over RecordFile adapters.
 *
 * A write is only staged in memory: the write-ahead log already holds it durably, so nothing touches
 * the record file on the request path. A checkpoint (`flush`) writes each staged text to its file,
 * replacing it atomically (a temporary file renamed over it), makes the files durable (one syncfs, or
 * an fdatasync each) and only then drops the texts from memory; reads see a staged text first, so they
 * always return the latest write.
 *
 * What this guarantees: a record file on disk always holds one whole version, never a torn or mixed
 * one, whenever the process dies (kill -9 included: the rename is atomic). After a power cut a file
 * renamed by a checkpoint whose sync had not finished may be empty or hold its previous version, but
 * the write-ahead log that holds it is deleted only after that sync, and replay rewrites it.
 */
export class RecordFiles {
  /** How `sync` makes files durable: one syncfs for all, or an fdatasync each (decided by the first sync). */
  #mode: 'filesystem' | 'each file' | undefined;
  /** Path -> the latest text written since its file was last flushed. */
  readonly #staged = new Map<string, string>();
  readonly #dirs = new Set<string>();

  constructor(readonly root: string) {}

  /** Makes `text` the record's content; the file follows at the next flush. */
  stage(path: string, text: string): void {
    this.#staged.set(path, text);
  }

  /** Whether `path` has a text not yet written to its file. */
  isStaged(path: string): boolean {
    return this.#staged.has(path);
  }

  /** Paths of the records staged in `dir` (not below it) whose files may not exist yet. */
  stagedIn(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    return [...this.#staged.keys()].filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'));
  }

  /** Records whose latest text is not yet in its file. */
  get staged(): number {
    return this.#staged.size;
  }

  /** The record, or null if there is none. A file that does not parse is an error naming the file. */
  async read<T>(path: string): Promise<T | null> {
    const staged = this.#staged.get(path);
    if (staged !== undefined) return JSON.parse(staged) as T;
    // Read through the adapter itself: lowdb's Low.read would take an empty (damaged) file for a missing one.
    const text = await new RecordFile(path).read();
    return text === null ? null : parseRecord<T>(path, text);
  }

  /**
   * Writes the staged texts of `paths` to their files (each replaced atomically), makes them and `dirs`
   * durable, then forgets the texts no write has replaced meanwhile. Paths with nothing staged are
   * skipped: a replay names every file its log touched, rewritten or not, so that they are synced.
   * `takeOver` maps a path to an existing file its write overwrites and renames instead of creating a
   * temporary one (RecordFileSync); a crash midway leaves that file torn, which the log still
   * repairs. Returns the files it took over.
   */
  async flush(
    paths: Iterable<string>,
    dirs: Iterable<string>,
    options: { readonly eachFile?: boolean; readonly takeOver?: ReadonlyMap<string, string> } = {},
  ): Promise<{ readonly takenOver: ReadonlySet<string> }> {
    const dirList = [...dirs];
    for (const dir of dirList) await this.ensureDirectory(dir);
    const written = new Map<string, string>();
    const takenOver = new Set<string>();
    const created: string[] = [];
    const slice = new TimeSlice();
    for (const path of paths) {
      const text = this.#staged.get(path);
      if (text === undefined) continue;
      written.set(path, text);
      const from = options.takeOver?.get(path);
      if (from === undefined) {
        created.push(path);
        continue;
      }
      // Overwriting and renaming cost less than a thread-pool round trip: done here, between requests.
      const file = new RecordFileSync(path, from);
      new LowSync<string>(file, text).write();
      if (file.tookOver) takenOver.add(from);
      await slice.yieldIfSpent();
    }
    // Creating a file costs the filesystem far more than the round trip: on the thread pool, two at a
    // time, so that the kernel's work runs beside the requests and the log's syncs still find a thread.
    const worker = async () => {
      for (let path = created.pop(); path !== undefined; path = created.pop()) await new Low<string>(new RecordFile(path), written.get(path)!).write();
    };
    await Promise.all([worker(), worker()]);
    await this.sync(paths, dirList, options);
    for (const [path, text] of written) if (this.#staged.get(path) === text) this.#staged.delete(path);
    return { takenOver };
  }

  /** Writes a record file now, atomically but without syncing it (replay, bulk import: nothing else runs). */
  writeNow(path: string, text: string): void {
    new LowSync<string>(new RecordFileSync(path), text).write();
  }

  /** `read` with a synchronous call, for background work done in slices (TimeSlice). */
  readNow<T>(path: string): T | null {
    const staged = this.#staged.get(path);
    if (staged !== undefined) return JSON.parse(staged) as T;
    const text = new RecordFileSync(path).read();
    return text === null ? null : parseRecord<T>(path, text);
  }

  /** Reads a record at start-up (nothing else runs): a file that does not parse counts as missing. */
  readForReplay<T>(path: string): T | null {
    const text = new RecordFileSync(path).read();
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  }

  /** Creates a private directory (and its parents) once per process; an existing one is made private too. */
  async ensureDirectory(dir: string): Promise<void> {
    if (this.#dirs.has(dir)) return;
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
    await chmod(dir, PRIVATE_DIR);
    this.#dirs.add(dir);
  }

  /**
   * Makes files and directories durable. The first sync also decides how later ones work: if one
   * syncfs of the filesystem holding `root` succeeds, every later sync is a syncfs; if it fails (no
   * `sync -f` here, or an error), the files are synced one by one now and from then on (`eachFile`
   * asks for that from the start). A per-file fsync still reports a writeback error syncfs saw first:
   * the two track errors separately (the file's mapping and the superblock). After the first sync, a
   * syncfs failure is just an error.
   */
  async sync(files: Iterable<string>, dirs: Iterable<string>, options: { readonly eachFile?: boolean } = {}): Promise<void> {
    if (this.#mode === undefined) {
      this.#mode = !options.eachFile && (await syncFileSystem(this.root).then(() => true, () => false)) ? 'filesystem' : 'each file';
      if (this.#mode === 'filesystem') return;
    }
    if (this.#mode === 'filesystem') return syncFileSystem(this.root);
    const queue = [...files];
    const worker = async () => {
      for (let path = queue.pop(); path !== undefined; path = queue.pop()) await syncFile(path);
    };
    await Promise.all([worker(), worker()]);
    for (const dir of dirs) await syncDirectory(dir);
  }
}

/** A record file that does not parse: never served, always named. */
export class DamagedRecordError extends Error {
  override name = 'DamagedRecordError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`record file ${path} does not parse (${(cause as Error).message}); restore it from a backup`, { cause });
  }
}

function parseRecord<T>(path: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new DamagedRecordError(path, error);
  }
}

async function syncFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // never written (nothing was staged)
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
