import { createWriteStream, renameSync, unlinkSync } from 'node:fs';
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
import { TimeSlice } from './TimeSlice.ts';

/** Pending upload records kept in memory at most (a record is about half a kilobyte). */
const PENDING_KEPT = 50_000;

/** Upload ids are UUIDs; anything else names no file. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The file store's uploads. The content is streamed into uploads/<id>.bin.part, synced, and once its
 * record uploads/<id>.json is durable, renamed to where it stays, attachments/<id>.bin. The record
 * goes first so that a crash never leaves content no record names: the sweep looks only at uploads/.
 * Filing an upload goes through the write-ahead log with the application: the record with its
 * application id is staged as attachments/<id>.json, and the checkpoint that writes it takes over the
 * pending record's file for it (rewritten and moved, RecordFileSync). So uploads/ holds the uploads
 * never filed, and filed ones whose checkpoint has not run yet (the sweep checks for their
 * attachments/ record). Stores written before the content stayed put keep it in uploads/<id>.bin
 * until filed: `settle` moves it then.
 *
 * One process owns the store, so the records of uploads not yet filed are also kept in memory: a
 * filing looks each of its files up twice (the engine's check, then the store's under its lock), and
 * reading them from disk was most of what filing the files of a form cost.
 */
export class FileUploads {
  /** Records of uploads not yet filed, as committed here or read from uploads/; dropped when filed or removed, or past PENDING_KEPT. */
  readonly #pending = new Map<string, Readonly<UploadRecord>>();
  /** Disk reads under way, by id: `forget` takes the token away so that a read it overtook caches nothing. */
  readonly #reading = new Map<string, object>();
  /** Uploads whose content a store written before it stayed in attachments/ keeps in uploads/ (read at start). */
  readonly #contentInUploads = new Set<string>();

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
        await durableWrite(this.layout.upload(id, 'json'), JSON.stringify(record));
        await rename(part, this.layout.attachment(id, 'bin'));
        await syncDirectory(this.layout.attachments());
        if (record.applicationId === null) this.#keep({ ...record });
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

  /** The record: a pending one known in memory, else filed (attachments/, staged or on disk), else pending on disk. */
  async get(id: string): Promise<Readonly<UploadRecord> | undefined> {
    if (!FileUploads.isId(id)) return undefined;
    const known = this.#pending.get(id);
    if (known) return known;
    const token = {};
    this.#reading.set(id, token);
    try {
      const record =
        (await this.files.read<UploadRecord>(this.layout.attachment(id, 'json'))) ??
        (await this.files.read<UploadRecord>(this.layout.upload(id, 'json'))) ??
        undefined;
      if (record?.applicationId === null && this.#reading.get(id) === token) this.#keep(record);
      return record;
    } finally {
      if (this.#reading.get(id) === token) this.#reading.delete(id);
    }
  }

  #keep(record: UploadRecord): void {
    this.#pending.set(record.id, Object.freeze(record));
    if (this.#pending.size <= PENDING_KEPT) return;
    // The oldest tenth goes (a lookup of one reads the disk again), in one pass: deleting the first key
    // one at a time would make each next lookup of the first key step over every key deleted before.
    let drop = PENDING_KEPT / 10;
    for (const id of this.#pending.keys()) {
      if (drop-- <= 0) break;
      this.#pending.delete(id);
    }
  }

  /**
   * `get` with synchronous reads, for the sweep, which runs in slices: it keeps the pending records it
   * reads, so after a restart the first sweep brings them back into memory for the filings to come.
   * A record that does not parse is left to `get` to report.
   */
  #lookUpNow(id: string): Readonly<UploadRecord> | undefined {
    if (!FileUploads.isId(id)) return undefined;
    const known = this.#pending.get(id);
    if (known) return known;
    try {
      const record = this.files.readNow<UploadRecord>(this.layout.attachment(id, 'json')) ?? this.files.readNow<UploadRecord>(this.layout.upload(id, 'json')) ?? undefined;
      // Nothing ran between the reads and here, so no filing can have overtaken them.
      if (record?.applicationId === null) this.#keep(record);
      return record;
    } catch {
      return undefined;
    }
  }

  /**
   * The upload is filed (its attachments/ record staged) or about to be removed: lookups go to disk
   * again, and a read already under way does not put the pending record back.
   */
  forget(id: string): void {
    this.#pending.delete(id);
    this.#reading.delete(id);
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
   * Clears filed uploads out of uploads/ once their attachments/ record is durable: content an older
   * store kept there moves to attachments/, then the pending record goes if the checkpoint did not take
   * it over. Safe to repeat after a crash at any point. Synchronous calls in slices, as a checkpoint
   * writes its records (TimeSlice).
   */
  async settle(ids: Iterable<string>, takenOver: ReadonlySet<string> = new Set()): Promise<void> {
    let moved = false;
    const slice = new TimeSlice();
    for (const id of ids) {
      // Usually there is nothing to do: the content is in attachments/ from the start, and the
      // checkpoint took the pending record over. A call that finds no file costs a lookup in a large
      // directory, so only what may be there is tried.
      if (this.#contentInUploads.delete(id)) moved = ignoreMissing(() => renameSync(this.layout.upload(id, 'bin'), this.layout.attachment(id, 'bin'))) || moved;
      const pending = this.layout.upload(id, 'json');
      if (!takenOver.has(pending)) moved = ignoreMissing(() => unlinkSync(pending)) || moved;
      await slice.yieldIfSpent();
    }
    if (moved) {
      await syncDirectory(this.layout.attachments());
      await syncDirectory(this.layout.uploads());
    }
  }

  /**
   * At start (nothing else runs then): the ids in uploads/ whose filed record exists, moves a crash
   * interrupted, for `settle`. Also notes the uploads whose content an older store kept in uploads/.
   */
  async unsettled(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdir(this.layout.uploads())) {
      if (name.endsWith('.bin')) this.#contentInUploads.add(name.slice(0, -'.bin'.length));
      const id = name.replace(/\.json$/, '');
      if (name.endsWith('.json') && FileUploads.isId(id) && this.files.readNow(this.layout.attachment(id, 'json')) !== null) ids.push(id);
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
    const slice = new TimeSlice();
    for (const name of names) {
      const path = join(this.layout.uploads(), name);
      if (name.endsWith('.json')) {
        const record = this.#lookUpNow(name.slice(0, -'.json'.length));
        if (record?.applicationId === null && Date.parse(record.createdAt) < before.getTime()) records.push(record);
        await slice.yieldIfSpent();
      } else if (!withRecord.has(name.replace(/\.bin(\.part)?$/, ''))) {
        const info = await stat(path).catch(() => null);
        if (info && info.mtime < before) leftovers.push(path);
      }
    }
    return { records, leftovers };
  }

  /** Removes a pending upload: its content (wherever a crash or an older store left it), then its record. */
  async remove(id: string): Promise<void> {
    this.forget(id);
    this.#contentInUploads.delete(id);
    for (const path of [this.layout.attachment(id, 'bin'), this.layout.upload(id, 'bin'), `${this.layout.upload(id, 'bin')}.part`]) await unlink(path).catch(() => undefined);
    await unlink(this.layout.upload(id, 'json')).catch(() => undefined);
  }
}

/** Runs a file call; false if it found no file, true if it did its work. */
function ignoreMissing(call: () => void): boolean {
  try {
    call();
    return true;
  } catch (error) {
    if (isMissingFile(error)) return false;
    throw error;
  }
}
