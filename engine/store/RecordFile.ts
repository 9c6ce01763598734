import { readFile as readFileCallback, readFileSync, rename as renameCallback, renameSync, writeFile as writeFileCallback, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import type { Adapter, SyncAdapter } from 'lowdb';
import { isMissingFile } from './missingFile.ts';

/** Mode of every file the store writes: personal data, readable by the server's user only. */
export const PRIVATE_FILE = 0o600;
/** Mode of every directory the store creates. */
export const PRIVATE_DIR = 0o700;

// A checkpoint writes thousands of files while requests are served, and reads hit record files: the
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

/** RecordFile for start-up, when nothing else runs. */
export class RecordFileSync implements SyncAdapter<string> {
  constructor(readonly path: string) {}

  read(): string | null {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  write(text: string): void {
    const temp = tempPathOf(this.path);
    writeFileSync(temp, text, { encoding: 'utf8', mode: PRIVATE_FILE });
    renameSync(temp, this.path);
  }
}

/** The temporary file a write of `path` goes through; one left by a crash is overwritten by the next write. */
export function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp`);
}
