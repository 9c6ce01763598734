import { createWriteStream } from 'node:fs';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { UploadRecord, UploadWriter } from '../api.ts';
import { durableWrite, syncDirectory } from './durableWrite.ts';
import { PRIVATE_FILE } from './RecordFile.ts';
import type { RecordFiles } from './RecordFiles.ts';
import type { StoreLayout } from './StoreLayout.ts';
import { isMissingFile } from './missingFile.ts';

/** Upload ids are UUIDs; anything else names no file. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The file store's uploads. One not yet filed lives in uploads/: `<id>.bin` (the content, streamed
 * into `<id>.bin.part`, synced, renamed) and `<id>.json` (its record, written durably once the
 * content is). Filing it with an application goes through the write-ahead log with the application:
 * the record with its application id is staged as attachments/<id>.json, and the checkpoint that
 * writes it then moves the content to attachments/<id>.bin and removes the first record (`settle`).
 * So the sweep looks only at uploads/, which holds uploads never filed (and filed ones whose move a
 * checkpoint has not made yet: it checks for their attachments/ record).
 */
export class FileUploads {
  constructor(
    private readonly layout: StoreLayout,
    private readonly files: RecordFiles,
  ) {}

  static isId(id: string): boolean {
    return UPLOAD_ID.test(id);
  }

  async begin(id: string): Promise<UploadWriter> {
    if (!FileUploads.isId(id)) throw new RangeError(`not an upload id: ${id}`);
    const part = `${this.layout.upload(id, 'bin')}.part`;
    const out = createWriteStream(part, { mode: PRIVATE_FILE, flags: 'wx' });
    const done = finished(out).then(
      () => true,
      () => false,
    );
    return {
      out,
      commit: async (record) => {
        if (record.id !== id) throw new RangeError(`upload ${id} committed as ${record.id}`);
        if (!(await done)) throw new Error(`upload ${id} was not written whole`);
        const handle = await open(part, 'r');
        try {
          const { size } = await handle.stat();
          if (size !== record.size) throw new Error(`upload ${id} received ${size} bytes, its record says ${record.size}`);
          await handle.datasync();
        } finally {
          await handle.close();
        }
        await rename(part, this.layout.upload(id, 'bin'));
        // durableWrite syncs the directory, which makes the rename above durable too.
        await durableWrite(this.layout.upload(id, 'json'), JSON.stringify(record));
      },
      abort: async () => {
        // Wait for the file to be closed: a stream destroyed while its file is still being opened
        // creates the file after an immediate removal would have run, leaving a .part behind.
        const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
        out.destroy();
        await Promise.all([closed, done]);
        await unlink(part).catch(() => undefined);
      },
    };
  }

  /** The record: filed (attachments/, staged or on disk) first, else still pending. */
  async get(id: string): Promise<UploadRecord | undefined> {
    if (!FileUploads.isId(id)) return undefined;
    return (
      (await this.files.read<UploadRecord>(this.layout.attachment(id, 'json'))) ??
      (await this.files.read<UploadRecord>(this.layout.upload(id, 'json'))) ??
      undefined
    );
  }


  async open(id: string): Promise<Readable | undefined> {
    if (!FileUploads.isId(id)) return undefined;
    // A checkpoint may move the content between two tries: look where it goes, where it was, then again.
    for (const path of [this.layout.attachment(id, 'bin'), this.layout.upload(id, 'bin'), this.layout.attachment(id, 'bin')]) {
      try {
        const handle = await open(path, 'r');
        return handle.createReadStream();
      } catch (error) {
        if (!isMissingFile(error)) throw error;
      }
    }
    return undefined;
  }

  /**
   * Moves filed uploads out of uploads/ once their attachments/ record is durable: the content first,
   * then the pending record goes. Safe to repeat after a crash at any point.
   */
  async settle(ids: Iterable<string>): Promise<void> {
    let moved = false;
    for (const id of ids) {
      await rename(this.layout.upload(id, 'bin'), this.layout.attachment(id, 'bin')).then(
        () => (moved = true),
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        },
      );
      await unlink(this.layout.upload(id, 'json')).then(
        () => (moved = true),
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        },
      );
    }
    if (moved) {
      await syncDirectory(this.layout.attachments());
      await syncDirectory(this.layout.uploads());
    }
  }

  /** Ids in uploads/ whose filed record exists: moves a crash interrupted, for `settle` at start. */
  async unsettled(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdir(this.layout.uploads())) {
      const id = name.replace(/\.(json|bin)$/, '');
      if (name.endsWith('.json') && FileUploads.isId(id) && (await this.files.read(this.layout.attachment(id, 'json'))) !== null) ids.push(id);
    }
    return ids;
  }

  /**
   * Candidates for the sweep in uploads/: records made before `before`, and leftovers of uploads a
   * crash interrupted (content without a record, partial files) older than that.
   */
  async stale(before: Date): Promise<{ records: UploadRecord[]; leftovers: string[] }> {
    const names = await readdir(this.layout.uploads());
    const withRecord = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)));
    const records: UploadRecord[] = [];
    const leftovers: string[] = [];
    for (const name of names) {
      const path = join(this.layout.uploads(), name);
      if (name.endsWith('.json')) {
        const record = await this.files.read<UploadRecord>(path).catch(() => null);
        if (record && Date.parse(record.createdAt) < before.getTime()) records.push(record);
      } else if (!withRecord.has(name.replace(/\.bin(\.part)?$/, ''))) {
        const info = await stat(path).catch(() => null);
        if (info && info.mtime < before) leftovers.push(path);
      }
    }
    return { records, leftovers };
  }

  /** Removes a pending upload (its content, then its record). */
  async remove(id: string): Promise<void> {
    await unlink(this.layout.upload(id, 'bin')).catch(() => undefined);
    await unlink(this.layout.upload(id, 'json')).catch(() => undefined);
  }
}
