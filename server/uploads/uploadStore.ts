/**
 * Uploaded files on disk under the data folder: `<id>` holds the bytes, `<id>.json` what was recorded
 * about them (owner, region, field, name, type, size, sha256). A file is written to `<id>.part` while it
 * streams and renamed only once it passed every check, so a refused or broken upload leaves nothing.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface UploadRecord {
  readonly id: string;
  /** Login of the user who uploaded it: the only one who may read it until it is attached. */
  readonly owner: string;
  readonly region: string;
  readonly service: string;
  /** Dotted data path of the form field it was uploaded for. */
  readonly field: string;
  readonly name: string;
  /** Media type sniffed from the content. */
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
}

/**
 * How long an upload is kept (24 hours). Filed applications do not refer to uploads yet, so each one
 * is removed once it is this old.
 */
export const UPLOAD_RETENTION_MS = 24 * 3_600_000;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UploadStore {
  constructor(private readonly dir: string) {}

  /** A new upload in progress: a write stream to its temporary file. */
  async begin(): Promise<{ id: string; out: WriteStream }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    return { id, out: createWriteStream(this.partPath(id), { mode: 0o600 }) };
  }

  /** Keeps a fully received, checked upload. */
  async commit(record: UploadRecord): Promise<void> {
    await writeFile(path.join(this.dir, `${record.id}.json`), JSON.stringify(record), { mode: 0o600 });
    await rename(this.partPath(record.id), path.join(this.dir, record.id));
  }

  /** Drops an upload in progress (refused or broken). */
  async abort(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
  }

  async get(id: string): Promise<UploadRecord | null> {
    if (!ID.test(id)) return null;
    try {
      return JSON.parse(await readFile(path.join(this.dir, `${id}.json`), 'utf8')) as UploadRecord;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  open(id: string): Readable {
    if (!ID.test(id)) throw new Error(`not an upload id: ${id}`);
    return createReadStream(path.join(this.dir, id));
  }

  /**
   * Removes uploads created before `before`, and temporary files left by a crash mid-upload. Files are
   * not yet referenced from filed applications, so every upload older than the retention goes.
   */
  async sweep(before: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    let removed = 0;
    for (const name of names) {
      const full = path.join(this.dir, name);
      const info = await stat(full).catch(() => null); // gone meanwhile: nothing to do
      if (!info || info.mtime >= before) continue;
      await rm(full, { force: true });
      if (ID.test(name)) removed += 1;
    }
    return removed;
  }

  private partPath(id: string): string {
    return path.join(this.dir, `${id}.part`);
  }
}
