import { closeSync, constants, ftruncateSync, openSync, readFile as readFileCallback, readFileSync, rename as renameCallback, renameSync, writeFile as writeFileCallback, writeFileSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import type { Adapter, SyncAdapter } from 'lowdb';
import { isMissingFile } from './missingFile.ts';

/** Mode of every file the store writes: personal data, readable by the server's user only. */
export const PRIVATE_FILE = 0o600;
/** Mode of every directory the store creates. */
export const PRIVATE_DIR = 0o700;

// A checkpoint creates thousands of files while requests are served, and reads hit record files: the
// callback API costs the main thread less per file than fs/promises (no FileHandle to create, track and close).
const readFile = promisify(readFileCallback);
const writeFile = promisify(writeFileCallback);
const rename = promisify(renameCallback);

/**
 * lowdb adapters for one record file (text), written the way lowdb's own TextFile writes (steno): to
 * `.<name>.tmp` beside it, then renamed over it, so the file always holds one whole version. Unlike
 * lowdb's, the file is created private (0600) and a write is not serialised per adapter: the store
 * never writes one path twice at once. Nothing is synced here; the store syncs at checkpoints.
 */
export class RecordFile implements Adapter<string> {
  constructor(readonly path: string) {}

  async read(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  async write(text: string): Promise<void> {
    const temp = tempPathOf(this.path);
    await writeFile(temp, text, { encoding: 'utf8', mode: PRIVATE_FILE });
    await rename(temp, this.path);
  }
}

/**
 * RecordFile with synchronous calls: for start-up, when nothing else runs, and for the records a
 * checkpoint takes over, written in short slices between requests (overwriting and renaming cost less
 * than a thread-pool round trip per call).
 */
export class RecordFileSync implements SyncAdapter<string> {
  /**
   * @param from a file the write may take over instead of creating a temporary one: it is overwritten
   *   with the text and renamed to `path` (a pending upload's record becoming its filed record).
   *   Creating a file costs a filesystem far more than overwriting one (20–900 µs of kernel time
   *   against 10–15 µs on ext4 here). Overwriting in place is not atomic, so only a caller whose
   *   write-ahead log still holds the text (a checkpoint) passes it.
   */
  constructor(
    readonly path: string,
    readonly from?: string,
  ) {}

  read(): string | null {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  /** Whether the last write took `from` over (it existed). */
  tookOver = false;

  write(text: string): void {
    this.tookOver = this.from !== undefined && overwrite(this.from, text);
    if (this.tookOver) return renameSync(this.from!, this.path);
    const temp = tempPathOf(this.path);
    writeFileSync(temp, text, { encoding: 'utf8', mode: PRIVATE_FILE });
    renameSync(temp, this.path);
  }
}

/** The temporary file a write of `path` goes through; one left by a crash is overwritten by the next write. */
export function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp`);
}

/**
 * Replaces the content of an existing file; false if there is no such file. Written from the start
 * and cut to length rather than truncated first: truncating frees the file's block and writing
 * allocates another, which costs the filesystem several times the write itself.
 */
function overwrite(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY);
  } catch (error) {
    if (isMissingFile(error)) return false;
    throw error;
  }
  try {
    const bytes = Buffer.from(text, 'utf8');
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, bytes.length);
  } finally {
    closeSync(fd);
  }
  return true;
}
