import { createHash } from 'node:crypto';
import { readdir, readFile, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Low } from 'lowdb';
import type {
  ApplicationChange,
  ApplicationQuery,
  InboxPage,
  InboxQuery,
  ReportFact,
  ApplicationRecord,
  DeliveryRecord,
  DraftRecord,
  IdempotencyClaim,
  IdempotencyRecord,
  LicenceQuery,
  LicenceRecord,
  NewApplication,
  NotificationRecord,
  Page,
  ReadQuery,
  ReadRecord,
  RevokedSession,
  Store,
  StoreEffects,
  StoreHealth,
  StoredDocument,
  UploadRecord,
  UploadWriter,
} from '../api.ts';
import { bindAttachments } from './bindAttachments.ts';
import { FileDrafts } from './FileDrafts.ts';
import { FileUploads } from './FileUploads.ts';
import { deliveryRank, markedRead, withNotifications, type NotificationList } from './notificationList.ts';
import { TransitionError } from '../errors.ts';
import { AppendLog } from './AppendLog.ts';
import { indexEntryOf, type ApplicationIndexEntry } from './ApplicationIndexEntry.ts';
import { ChangeFeed } from './ChangeFeed.ts';
import { checkWrite } from './checkWrite.ts';
import { InboxIndex } from './inbox/InboxIndex.ts';
import { reportFactOf } from './reportFactOf.ts';
import { checkClaim, idempotencyKeyOf, recordOf } from './idempotencyRecords.ts';
import { DurableJsonFile } from './DurableJsonFile.ts';
import { durableWrite, syncDirectory } from './durableWrite.ts';
import { KeyedLock } from './KeyedLock.ts';
import { readJsonLines } from './readJsonLines.ts';
import { tempPathOf } from './RecordFile.ts';
import { ReadAuditFiles } from './ReadAuditFiles.ts';
import { RecordFiles } from './RecordFiles.ts';
import { RevokedSessionSet } from './RevokedSessionSet.ts';
import { selectApplications } from './selectApplications.ts';
import { selectLicences, type LicenceIndexEntry } from './selectLicences.ts';
import { StoreLayout } from './StoreLayout.ts';
import { readWal, walLine } from './walLines.ts';
import { Touched, WalGeneration } from './WalGeneration.ts';

/** One create or update, as logged: the application with the documents and licences written with it. */
interface WriteEntry {
  readonly application: ApplicationRecord;
  readonly documents: readonly StoredDocument[];
  readonly licences: readonly LicenceRecord[];
  /** A create: the application number it took from its region's counter for the year. */
  readonly counter?: ApplicationCounter;
  /** Records of the uploads filed with it, each with its application id. */
  readonly uploads?: readonly UploadRecord[];
  /** The new notification lists of the users told about it. */
  readonly notifications?: readonly NotificationList[];
  /** New outbox entries. */
  readonly deliveries?: readonly DeliveryRecord[];
  /** The client's idempotency key the write answered, with its response. */
  readonly idempotency?: IdempotencyRecord;
}

/** A delivery's outcome (or a paper copy done). */
interface DeliveryEntry {
  readonly delivery: DeliveryRecord;
}

/** A user's notifications marked read. */
interface NotificationEntry {
  readonly notificationList: NotificationList;
}

type LogEntry = WriteEntry | SequenceEntry | DeliveryEntry | NotificationEntry;

/** The last application sequence number of a region and year. */
interface ApplicationCounter {
  readonly region: string;
  readonly year: number;
  readonly seq: number;
}

/** A licence sequence number handed out. */
interface SequenceEntry {
  readonly sequence: { readonly region: string; readonly seq: number };
}

/** A record file a logged entry writes, as replay sees it. */
interface ReplayedRecord {
  readonly kind: 'application' | 'licence' | 'document' | 'sequence' | 'counter' | 'upload' | 'notifications' | 'delivery' | 'idempotency';
  readonly path: string;
  readonly dir: string;
  readonly record: Record<string, unknown>;
  /** Orders it against the file on disk; null for documents, which are written once and never change. */
  readonly version: number | null;
  /** For a sequence: its region. */
  readonly region?: string;
  /** For an application counter: its "region\0year" key. */
  readonly counterKey?: string;
  /** For an idempotency key: its hash and expiry. */
  readonly idempotency?: IdempotencyIndexEntry;
}

/** Where an idempotency key's record is and until when it is kept. */
interface IdempotencyIndexEntry {
  readonly hash: string;
  readonly expiresAtMs: number;
  readonly path: string;
}

export interface LowdbStoreOptions {
  readonly dir: string;
  /** Checkpoint once the write-ahead log holds this many bytes (default 8 MiB)... */
  readonly checkpointBytes?: number;
  /** ...or its writes have touched this many record files (default 2048), whichever comes first. */
  readonly checkpointFiles?: number;
  /** Checkpoints fsync each touched file and directory even where one syncfs would do (default false). */
  readonly syncEachFile?: boolean;
}

/** Why the store takes no more writes after a failure: what /readyz and a refused write say. */
const BROKEN = 'the store stopped accepting writes after a write it could not make durable (the write-ahead log, a record file or a checkpoint); restart the server to recover by replaying the log';

const DEFAULT_CHECKPOINT_BYTES = 8 * 1024 * 1024;
const DEFAULT_CHECKPOINT_FILES = 2048;

/**
 * The file Store: one JSON file per application, licence and document, with the indexes in memory.
 *
 * A write (create, update, licence number) checks versions against the in-memory index under a
 * per-id lock, then appends ONE line to the write-ahead log (wal/<n>.jsonl, checksummed) and waits for
 * it to be synced; writes that arrive while a sync runs share the next one (group commit). Once the
 * line is durable the in-memory index is updated, the record texts are staged in memory (no file is
 * touched on the request path) and the write is acknowledged; a failed append changes nothing in
 * memory. Holding the lock until then makes exactly one of two writes of the same version win. Reads
 * see the staged texts first, then the record files; memory holds the index entries plus the texts
 * written since the last checkpoint.
 *
 * A checkpoint (when the log passes a size or file-count threshold, and at close) starts a new log
 * file, waits for the writes of the old one, writes the record files they touched (each replaced
 * atomically through a temporary file), makes them and their directories durable (one syncfs of the
 * store's filesystem where the system has it, else an fsync each), appends their index entries to
 * index/*.jsonl (synced), and only then deletes the old log. `init` loads the index logs, replays every
 * log file left (rewriting a record only if the log holds a newer version than the file, so replaying
 * twice changes nothing), and checkpoints.
 *
 * What a crash leaves (see RecordFiles): after kill -9, every record file is whole (an earlier
 * version at worst) and the log holds every acknowledged write since the last checkpoint; after a
 * power cut, a file renamed by an unfinished checkpoint may be empty or stale, but the log that holds
 * its write is still there. Either way the next start replays the log; a record it cannot repair stops
 * the start with an error naming the file. Every file and directory is private to the server's user
 * (0600 / 0700) whatever the umask.
 *
 * The record files are read and written through lowdb (`Low`/`LowSync` over small adapters, see
 * RecordFile), the project's embedded store; lowdb keeps one JSON document per file and has no way
 * to make several files change together or durably, which is what the log beside it adds.
 * The work per write is the same however many applications are stored.
 */
export class LowdbStore implements Store {
  readonly #layout: StoreLayout;
  readonly #lock = new KeyedLock();
  readonly #files: RecordFiles;
  readonly #uploads: FileUploads;
  readonly #drafts: FileDrafts;
  readonly #applications = new Map<string, ApplicationIndexEntry>();
  /** The inbox rows, sorted and searchable (rebuilt from the index log and the replayed log at init). */
  readonly #inbox = new InboxIndex();
  readonly #feed = new ChangeFeed();
  readonly #licences = new Map<string, LicenceIndexEntry>();
  readonly #sequences = new Map<string, number>();
  /** Sessions ended by logout, as sessions/revoked.json holds them. */
  readonly #revoked = new RevokedSessionSet();
  /** The read audit, apart from the records and their log. */
  readonly #audit: ReadAuditFiles;
  /** Idempotency keys by hash of owner and key (their records are files, read when asked for). */
  readonly #idempotency = new Map<string, IdempotencyIndexEntry>();
  /** Files of keys a newer record of the same key replaced: removed at the next checkpoint. */
  readonly #replacedIdempotency = new Set<string>();
  /** The latest moment a caller named (a read's `now`, a claim's `createdAt`): keys expired by then are removed at checkpoints. */
  #latestNowMs = 0;
  /** Last application number by "region\0year" (counterKey). */
  readonly #counters = new Map<string, number>();
  /** The outbox: every delivery still pending (small: they leave once made), loaded at start. */
  readonly #outbox = new Map<string, DeliveryRecord>();
  /** Delivery id -> until when a sender holds it (in memory: one process uses this store). */
  readonly #leases = new Map<string, number>();
  readonly #applicationLog: AppendLog;
  readonly #licenceLog: AppendLog;
  /** Lines in each index log, to tell when rewriting it with one line per entry is worth it. */
  readonly #indexLines = { applications: 0, licences: 0 };
  readonly #checkpointBytes: number;
  readonly #checkpointFiles: number;
  readonly #syncEachFile: boolean;
  /** The log new writes go to; undefined before init and after close. */
  #generation: WalGeneration | undefined;
  #checkpointing: Promise<void> | undefined;
  #checkpoints = 0;
  #retiredSyncs = 0;
  #closed = false;
  /** Set when a log append, a record write or a checkpoint failed: writes are refused until a restart replays the log. */
  #broken: unknown;

  constructor(options: LowdbStoreOptions) {
    this.#layout = new StoreLayout(options.dir);
    this.#files = new RecordFiles(options.dir);
    this.#uploads = new FileUploads(this.#layout, this.#files);
    this.#drafts = new FileDrafts(this.#layout, this.#files);
    this.#audit = new ReadAuditFiles(this.#layout.audit());
    this.#applicationLog = new AppendLog(this.#layout.applicationIndex());
    this.#licenceLog = new AppendLog(this.#layout.licenceIndex());
    this.#checkpointBytes = options.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES;
    this.#checkpointFiles = options.checkpointFiles ?? DEFAULT_CHECKPOINT_FILES;
    this.#syncEachFile = options.syncEachFile ?? false;
  }

  /** Syncs of the write-ahead log and checkpoints completed since init, and whether one runs now: for tests and benchmarks. */
  get walStats(): { readonly syncs: number; readonly checkpoints: number; readonly checkpointing: boolean; readonly staged: number } {
    return {
      syncs: this.#retiredSyncs + (this.#generation?.log.syncs ?? 0),
      checkpoints: this.#checkpoints,
      checkpointing: this.#checkpointing !== undefined,
      staged: this.#files.staged,
    };
  }

  async init(): Promise<void> {
    try {
      await this.#open();
    } catch (error) {
      await this.#applicationLog.close();
      await this.#licenceLog.close();
      throw error;
    }
  }

  async #open(): Promise<void> {
    const l = this.#layout;
    for (const dir of [
      l.dir, l.applications(), l.licences(), l.documents(), l.sequences(), l.counters(), l.uploads(), l.attachments(), l.drafts(), l.notifications(), l.outbox(), l.outboxDone(),
      l.index(), l.wal(), l.configVersionsRoot(), l.sessions(), l.idempotencyDir(), l.audit(),
    ]) {
      await this.#files.ensureDirectory(dir);
    }
    // Region folders made by earlier versions were not private.
    for (const parent of [l.licences(), l.configVersionsRoot()]) {
      for (const entry of await readdir(parent, { withFileTypes: true })) if (entry.isDirectory()) await this.#files.ensureDirectory(join(parent, entry.name));
    }
    // A handful of files (regions × years): read whole, so numbering never waits on the disk.
    for (const name of await readdir(l.counters())) {
      if (!name.endsWith('.json')) continue; // a checkpoint's temporary file
      const counter = await this.#files.read<ApplicationCounter>(join(l.counters(), name));
      if (counter) this.#counters.set(counterKey(counter.region, counter.year), counter.seq);
    }
    for (const name of await readdir(l.outbox())) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const delivery = await this.#files.read<DeliveryRecord>(join(l.outbox(), name));
      if (delivery) this.#outbox.set(delivery.id, delivery);
    }
    for (const session of (await new DurableJsonFile<{ sessions: RevokedSession[] }>(l.revokedSessions()).read())?.sessions ?? []) this.#revoked.add(session);
    // Idempotency keys: the file names say all the index needs.
    for (const name of await readdir(l.idempotencyDir())) {
      const parsed = l.idempotencyName(name);
      if (parsed) this.#indexIdempotency({ ...parsed, path: join(l.idempotencyDir(), name) });
    }
    const applications = await readJsonLines<ApplicationIndexEntry>(l.applicationIndex());
    for (const entry of applications.values) this.#indexApplication(entry);
    const licences = await readJsonLines<LicenceIndexEntry>(l.licenceIndex());
    for (const entry of licences.values) this.#indexLicence(entry);
    this.#indexLines.applications = applications.lines;
    this.#indexLines.licences = licences.lines;
    await this.#applicationLog.open();
    await this.#licenceLog.open();
    await syncDirectory(l.index()); // the logs may have just been created

    const logs = (await readdir(l.wal()))
      .map((name) => l.walNumber(name))
      .filter((n): n is number => n !== null)
      .sort((a, b) => a - b);
    const journal = await this.#journalEntries();
    const entries: unknown[] = [...journal.entries];
    for (const n of logs) for (const entry of (await readWal(l.walFile(n))).entries) entries.push(entry);
    const touched = await this.#replay(entries);
    await this.#addMissingRows(touched);

    if (touched.files.size > 0) await this.#files.sync(touched.files, touched.dirs, { eachFile: this.#syncEachFile });
    await this.#remove(touched.removals);
    await this.#persistIndex(touched, { applications: applications.torn, licences: licences.torn });
    for (const n of logs) await unlink(l.walFile(n));
    await syncDirectory(l.wal());
    if (journal.files.length > 0) {
      for (const path of journal.files) await unlink(path);
      await rmdir(l.journal()).catch(() => undefined);
      await syncDirectory(l.dir);
    }
    // Filed uploads whose move the crash interrupted (or the log just replayed) leave uploads/ now.
    await this.#uploads.settle(new Set([...touched.uploads, ...(await this.#uploads.unsettled())]));
    await this.#drafts.load();
    const next = (logs.at(-1) ?? 0) + 1;
    this.#generation = await WalGeneration.open(next, l.walFile(next), l.wal());
  }

  /** Index entries written before entries carried inbox rows: their records are read once, and the entries rewritten. */
  async #addMissingRows(touched: Touched): Promise<void> {
    const missing = [...this.#applications.values()].filter((e) => e.row === undefined).map((e) => e.id);
    for (const id of missing) {
      const record = await this.#files.read<ApplicationRecord>(this.#layout.application(id));
      if (!record) continue;
      this.#applications.delete(id);
      this.#indexApplication(indexEntryOf(record));
      touched.applications.add(id);
    }
  }

  health(): StoreHealth {
    if (this.#broken !== undefined) return { writable: false, reason: BROKEN, cause: this.#broken };
    if (this.#closed) return { writable: false, reason: 'the store is closed' };
    return { writable: true };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#checkpointing;
      if (this.#generation) await this.#checkpoint(false);
    } finally {
      await this.#applicationLog.close();
      await this.#licenceLog.close();
      await this.#audit.close();
    }
  }

  appendReads(reads: readonly ReadRecord[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the store is closed'));
    return this.#audit.append(reads);
  }

  listReads(query: ReadQuery): Promise<Page<ReadRecord>> {
    return this.#audit.list(query);
  }

  pruneReads(before: string): Promise<number> {
    return this.#audit.prune(before);
  }

  /**
   * The number is taken from the in-memory counter in the same synchronous step that checks the write
   * and queues its log line, so numbers reach the log in order. The lock is not held over the counter:
   * filings of one region wait for nothing but their shared log sync. A write refused before its line
   * is queued takes no number; a failed append stops the store, and the restart counts from the log.
   */
  async createApplication(draft: NewApplication): Promise<ApplicationRecord> {
    let stored!: ApplicationRecord;
    await this.#write(0, draft.id, draft.licences, { attachments: draft.attachments ?? [], notified: draft.notifies, claim: draft.idempotency }, () => {
      const key = counterKey(draft.counter.region, draft.counter.year);
      const seq = (this.#counters.get(key) ?? 0) + 1;
      const { application, documents, notifications, deliveries, response } = draft.build(seq);
      if (application.id !== draft.id) throw new RangeError(`application ${draft.id} was built with id ${application.id}`);
      stored = application;
      return {
        app: application,
        effects: { documents, licences: draft.licences, attachments: draft.attachments, notifications, deliveries, idempotency: recordOf(draft.idempotency, response) },
        counter: { ...draft.counter, seq },
      };
    });
    return stored;
  }

  updateApplication(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void> {
    return this.#write(
      expectedVersion,
      app.id,
      effects.licences,
      { attachments: effects.attachments ?? [], notified: (effects.notifications ?? []).map((n) => n.userId), claim: effects.idempotency },
      () => ({ app, effects }),
    );
  }

  async getIdempotency(owner: string, key: string, now: string): Promise<IdempotencyRecord | undefined> {
    const nowMs = Date.parse(now);
    this.#latestNowMs = Math.max(this.#latestNowMs, nowMs);
    const entry = this.#idempotency.get(idempotencyHash(owner, key));
    if (!entry || entry.expiresAtMs <= nowMs) return undefined;
    const record = await this.#files.read<IdempotencyRecord>(entry.path);
    // The hash names the key; the record says whose it is (a collision would be a different key).
    return record && record.owner === owner && record.key === key ? record : undefined;
  }

  async getApplication(id: string): Promise<ApplicationRecord | undefined> {
    if (!this.#applications.has(id)) return undefined;
    return (await this.#files.read<ApplicationRecord>(this.#layout.application(id))) ?? undefined;
  }

  async listApplications(query: ApplicationQuery): Promise<Page<ApplicationRecord>> {
    const { ids, total } = selectApplications(this.#applications.values(), query);
    const items = await Promise.all(ids.map((id) => this.#files.read<ApplicationRecord>(this.#layout.application(id))));
    return { items: items.filter((a): a is ApplicationRecord => a !== null), total };
  }

  async listInbox(query: InboxQuery): Promise<InboxPage> {
    return structuredClone(this.#inbox.list(query));
  }

  watch(listener: (change: ApplicationChange) => void): Promise<() => Promise<void>> {
    return this.#feed.watch(listener);
  }

  async reportFacts(region: string): Promise<readonly ReportFact[]> {
    const ids = [...this.#applications.values()].filter((e) => e.region === region).map((e) => e.id);
    const facts: ReportFact[] = [];
    for (let start = 0; start < ids.length; start += 64) {
      const records = await Promise.all(ids.slice(start, start + 64).map((id) => this.#files.read<ApplicationRecord>(this.#layout.application(id))));
      for (const record of records) if (record) facts.push(reportFactOf(record));
    }
    return facts;
  }

  async getLicence(region: string, number: string): Promise<LicenceRecord | undefined> {
    if (!this.#licences.has(licenceKey(region, number))) return undefined;
    return (await this.#files.read<LicenceRecord>(this.#layout.licence(region, number))) ?? undefined;
  }

  async searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>> {
    const { numbers, total } = selectLicences(this.#licences.values(), query);
    const items = await Promise.all(numbers.map((n) => this.#files.read<LicenceRecord>(this.#layout.licence(query.region, n))));
    return { items: items.filter((l): l is LicenceRecord => l !== null), total };
  }

  nextLicenceSeq(region: string): Promise<number> {
    return this.#lock.run([`seq:${region}`], async () => {
      this.#assertWritable();
      const path = this.#layout.sequence(region);
      const current = this.#sequences.get(region) ?? (await this.#files.read<{ seq: number }>(path))?.seq ?? 0;
      const next = current + 1;
      const entry: SequenceEntry = { sequence: { region, seq: next } };
      await this.#logged(JSON.stringify(entry), (generation) => {
        this.#sequences.set(region, next);
        this.#stage(generation, path, this.#layout.sequences(), JSON.stringify({ seq: next }));
      });
      return next;
    });
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    return (await this.#files.read<StoredDocument>(this.#layout.document(id))) ?? undefined;
  }

  beginUpload(id: string): Promise<UploadWriter> {
    this.#assertWritable();
    return this.#uploads.begin(id);
  }

  getUpload(id: string): Promise<UploadRecord | undefined> {
    return this.#uploads.get(id);
  }

  openUpload(id: string): Promise<Readable | undefined> {
    return this.#uploads.open(id);
  }

  async sweep(cutoffs: { readonly uploadsBefore: Date; readonly draftsBefore: Date }): Promise<{ uploads: number; drafts: number }> {
    this.#assertWritable();
    const drafts = await this.#drafts.removeOlder(cutoffs.draftsBefore);
    const kept = this.#drafts.attachments();
    const { records, leftovers } = await this.#uploads.stale(cutoffs.uploadsBefore);
    let uploads = 0;
    for (const record of records) {
      if (kept.has(record.id)) continue;
      // Under the upload's lock, so a filing that is about to take it either comes first or finds it gone.
      const removed = await this.#lock.run([`upload:${record.id}`], async () => {
        if ((await this.#uploads.get(record.id))?.applicationId !== null) return false;
        await this.#uploads.remove(record.id);
        return true;
      });
      if (removed) uploads++;
    }
    for (const path of leftovers) await unlink(path).catch(() => undefined);
    return { uploads, drafts };
  }

  saveDraft(draft: DraftRecord, expectedVersion: number): Promise<void> {
    this.#assertWritable();
    return this.#drafts.save(draft, expectedVersion);
  }

  getDraft(id: string): Promise<DraftRecord | undefined> {
    return this.#drafts.get(id);
  }

  listDrafts(region: string, applicantId: string): Promise<readonly DraftRecord[]> {
    return this.#drafts.list(region, applicantId);
  }

  deleteDraft(id: string): Promise<void> {
    this.#assertWritable();
    return this.#drafts.delete(id);
  }

  async listNotifications(userId: string, limit: number): Promise<{ items: readonly NotificationRecord[]; unread: number }> {
    const list = await this.#files.read<NotificationList>(this.#layout.notificationList(userId));
    return { items: (list?.items ?? []).slice(0, limit), unread: (list?.items ?? []).filter((n) => !n.read).length };
  }

  markNotificationsRead(userId: string, ids: readonly string[] | 'all'): Promise<void> {
    return this.#lock.run([`notifications:${userId}`], async () => {
      this.#assertWritable();
      const path = this.#layout.notificationList(userId);
      const list = await this.#files.read<NotificationList>(path);
      if (!list || !list.items.some((n) => !n.read && (ids === 'all' || ids.includes(n.id)))) return;
      const next = markedRead(list, ids);
      const text = JSON.stringify(next);
      await this.#logged(`{"notificationList":${text}}`, (generation) => this.#stage(generation, path, this.#layout.notifications(), text));
    });
  }

  async claimDeliveries(channel: 'email', now: Date, limit: number, leaseMs: number): Promise<readonly DeliveryRecord[]> {
    const at = now.getTime();
    const due = [...this.#outbox.values()]
      .filter((d) => d.channel === channel && Date.parse(d.nextAttemptAt) <= at && (this.#leases.get(d.id) ?? 0) <= at)
      .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || compareIds(a.id, b.id))
      .slice(0, limit);
    for (const d of due) this.#leases.set(d.id, at + leaseMs);
    return due.map((d) => structuredClone(d));
  }

  updateDelivery(delivery: DeliveryRecord): Promise<void> {
    return this.#lock.run([`delivery:${delivery.id}`], async () => {
      this.#assertWritable();
      const l = this.#layout;
      if (!this.#outbox.has(delivery.id)) {
        if (await this.getDelivery(delivery.applicationId, delivery.id)) throw new TransitionError(`Отправление ${delivery.id} уже завершено`);
        throw new RangeError(`no delivery ${delivery.id}`);
      }
      const text = JSON.stringify(delivery);
      const record = JSON.parse(text) as DeliveryRecord;
      await this.#logged(`{"delivery":${text}}`, (generation) => {
        this.#leases.delete(record.id);
        if (record.status === 'pending') {
          this.#stage(generation, l.delivery(record.id), l.outbox(), text);
          this.#outbox.set(record.id, record);
        } else {
          this.#stage(generation, l.deliveryDone(record.applicationId, record.id), l.outboxDone(record.applicationId), text);
          generation.touched.dirs.add(l.outboxDone());
          generation.touched.removals.add(l.delivery(record.id));
          this.#outbox.delete(record.id);
        }
      });
    });
  }

  async getDelivery(applicationId: string, id: string): Promise<DeliveryRecord | undefined> {
    const pending = this.#outbox.get(id);
    if (pending) return pending.applicationId === applicationId ? structuredClone(pending) : undefined;
    return (await this.#files.read<DeliveryRecord>(this.#layout.deliveryDone(applicationId, id))) ?? undefined;
  }

  async listDeliveries(query: { readonly applicationId: string } | { readonly region: string; readonly channel: 'email' | 'paper'; readonly status: 'pending' }): Promise<readonly DeliveryRecord[]> {
    const pending = [...this.#outbox.values()].filter((d) =>
      'applicationId' in query ? d.applicationId === query.applicationId : d.region === query.region && d.channel === query.channel,
    );
    const done: DeliveryRecord[] = [];
    if ('applicationId' in query) {
      const dir = this.#layout.outboxDone(query.applicationId);
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      });
      // Files, and those made since the last checkpoint: staged, their files not written yet.
      const paths = new Set([...names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => join(dir, n)), ...this.#files.stagedIn(dir)]);
      for (const path of paths) {
        const record = await this.#files.read<DeliveryRecord>(path);
        if (record) done.push(record);
      }
    }
    return [...pending.map((d) => structuredClone(d)), ...done].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareIds(a.id, b.id));
  }

  saveConfigVersion(region: string, version: string, files: Readonly<Record<string, string>>): Promise<void> {
    // Rare and written once (a version's name is the hash of its files), so written durably on its own, outside the log.
    return this.#lock.run([`config:${region}:${version}`], async () => {
      const path = this.#layout.configVersion(region, version);
      if ((await this.#files.read(path)) !== null) return;
      await this.#files.ensureDirectory(this.#layout.configVersions(region));
      await new Low(new DurableJsonFile<Readonly<Record<string, string>>>(path), files).write();
    });
  }

  async getConfigVersion(region: string, version: string): Promise<Readonly<Record<string, string>> | undefined> {
    return (await this.#files.read<Record<string, string>>(this.#layout.configVersion(region, version))) ?? undefined;
  }

  revokeSession(session: RevokedSession): Promise<void> {
    // Rare (a logout): the whole small file is rewritten durably, outside the log.
    return this.#lock.run(['sessions'], async () => {
      this.#assertWritable();
      const next = new RevokedSessionSet([...this.#revoked.all(), session]);
      await new Low(new DurableJsonFile<{ sessions: RevokedSession[] }>(this.#layout.revokedSessions()), { sessions: next.all() }).write();
      this.#revoked.add(session);
    });
  }

  async revokedSessions(now: string): Promise<readonly RevokedSession[]> {
    return this.#revoked.list(now);
  }

  /**
   * Loads many new applications at once, for migrations and benchmarks: writes their record files
   * (each atomically) outside the write-ahead log, makes them durable with one sync, then appends their
   * index lines.
   * Durable once it resolves; a crash before that leaves at most record files no index lists (a later
   * write of the same id overwrites them): re-run the import. It must run on a store nobody else
   * writes to. Versions are not checked.
   */
  async bulkImport(apps: readonly ApplicationRecord[], onProgress?: (done: number) => void): Promise<void> {
    this.#assertWritable();
    if (apps.length === 0) return;
    const chunk = 1000;
    const paths: string[] = [];
    for (let start = 0; start < apps.length; start += chunk) {
      for (const app of apps.slice(start, start + chunk)) {
        const path = this.#layout.application(app.id);
        this.#files.writeNow(path, JSON.stringify(app));
        paths.push(path);
      }
      onProgress?.(Math.min(apps.length, start + chunk));
      await nextTurn();
    }
    await this.#files.sync(paths, [this.#layout.applications()], { eachFile: this.#syncEachFile });
    const entries = apps.map(indexEntryOf);
    await this.#applicationLog.append(entries.map((e) => `${JSON.stringify(e)}\n`));
    this.#indexLines.applications += entries.length;
    for (const entry of entries) this.#indexApplication(entry);
  }

  /**
   * Writes an application with its documents and licences under the locks of its id and licences.
   * `prepare` gives what to write; it runs synchronously right before the checks and the log append
   * (nothing awaited in between), and a create's counter is set only once the checks passed.
   */
  #write(
    expectedVersion: number,
    id: string,
    lockedLicences: readonly LicenceRecord[],
    extra: { readonly attachments: readonly string[]; readonly notified: readonly string[]; readonly claim: IdempotencyClaim | undefined },
    prepare: () => { app: ApplicationRecord; effects: StoreEffects; counter?: ApplicationCounter },
  ): Promise<void> {
    const { attachments, claim } = extra;
    const users = [...new Set(extra.notified)];
    const claimHash = claim ? idempotencyHash(claim.owner, claim.key) : undefined;
    const keys = [
      `app:${id}`,
      ...lockedLicences.map((l) => `licence:${licenceKey(l.region, l.number)}`),
      ...attachments.map((u) => `upload:${u}`),
      ...users.map((u) => `notifications:${u}`),
      ...(claimHash ? [`idempotency:${claimHash}`] : []),
    ];
    return this.#lock.run(keys, async () => {
      this.#assertWritable();
      if (claim) {
        // Under the key's lock: no other write of this key runs between this check and the log append.
        this.#latestNowMs = Math.max(this.#latestNowMs, Date.parse(claim.createdAt));
        const existing = await this.getIdempotency(claim.owner, claim.key, claim.createdAt);
        checkClaim(claim, existing);
      }
      // Read before the synchronous step; the upload locks keep the sweep from removing them meanwhile,
      // the notification locks other writes from changing the lists.
      const uploads = new Map(await Promise.all(attachments.map(async (u) => [u, await this.#uploads.get(u)] as const)));
      const lists = new Map(await Promise.all(users.map(async (u) => [u, await this.#files.read<NotificationList>(this.#layout.notificationList(u))] as const)));
      const { app, effects, counter } = prepare();
      const idempotency = effects.idempotency;
      if (idempotency && (idempotency.owner !== claim?.owner || idempotency.key !== claim?.key)) throw new RangeError('a write may keep only the idempotency key it claimed');
      checkWrite(app, expectedVersion, effects.licences, this.#applications.get(app.id)?.version, (licence) =>
        this.#licences.get(licenceKey(licence.region, licence.number))?.version,
      );
      const filed = bindAttachments(effects.attachments, app.id, (u) => uploads.get(u));
      if (counter) this.#counters.set(counterKey(counter.region, counter.year), counter.seq);
      // Serialised now, once: the log line is built from the record texts, which are then written as they are,
      // and the caller may change its objects once this call has returned a promise.
      const l = this.#layout;
      const application = { path: l.application(app.id), text: JSON.stringify(app), entry: indexEntryOf(app) };
      const documents = effects.documents.map((d) => ({ path: l.document(d.id), text: JSON.stringify(d) }));
      const licences = effects.licences.map((licence) => {
        const text = JSON.stringify(licence);
        return { path: l.licence(licence.region, licence.number), dir: l.licences(licence.region), text, entry: licenceEntryOf(JSON.parse(text) as LicenceRecord) };
      });
      const unexpected = (effects.notifications ?? []).find((n) => !users.includes(n.userId));
      if (unexpected) throw new RangeError(`notification ${unexpected.id} is for ${unexpected.userId}, who was not named to be notified`);
      const newLists = users
        .map((u) => ({ u, added: (effects.notifications ?? []).filter((n) => n.userId === u) }))
        .filter(({ added }) => added.length > 0)
        .map(({ u, added }) => withNotifications(lists.get(u) ?? null, u, added));
      const listTexts = newLists.map((list) => ({ path: l.notificationList(list.userId), text: JSON.stringify(list) }));
      const deliveryTexts = (effects.deliveries ?? []).map((d) => ({ path: l.delivery(d.id), text: JSON.stringify(d), record: JSON.parse(JSON.stringify(d)) as DeliveryRecord }));
      const counterText = counter ? `,"counter":${JSON.stringify(counter)}` : '';
      const notifyText =
        (listTexts.length > 0 ? `,"notifications":[${listTexts.map((x) => x.text).join(',')}]` : '') +
        (deliveryTexts.length > 0 ? `,"deliveries":[${deliveryTexts.map((x) => x.text).join(',')}]` : '');
      const uploadTexts = filed.map((u) => ({ id: u.id, text: JSON.stringify(u) }));
      const uploadsText = uploadTexts.length > 0 ? `,"uploads":[${uploadTexts.map((u) => u.text).join(',')}]` : '';
      const kept = idempotency && { text: JSON.stringify(idempotency), entry: this.#idempotencyEntryOf(idempotency) };
      const keptText = kept ? `,"idempotency":${kept.text}` : '';
      const entryText = `{"application":${application.text},"documents":[${documents.map((d) => d.text).join(',')}],"licences":[${licences.map((x) => x.text).join(',')}]${counterText}${uploadsText}${notifyText}${keptText}}`;
      await this.#logged(entryText, (generation) => {
        for (const upload of uploadTexts) {
          this.#stage(generation, l.attachment(upload.id, 'json'), l.attachments(), upload.text);
          this.#uploads.forget(upload.id);
          generation.touched.uploads.add(upload.id);
        }
        for (const list of listTexts) this.#stage(generation, list.path, l.notifications(), list.text);
        for (const delivery of deliveryTexts) {
          this.#stage(generation, delivery.path, l.outbox(), delivery.text);
          this.#outbox.set(delivery.record.id, delivery.record);
        }
        if (counter) this.#stage(generation, l.counter(counter.region, counter.year), l.counters(), JSON.stringify(counter));
        if (kept) {
          this.#indexIdempotency(kept.entry);
          this.#stage(generation, kept.entry.path, l.idempotencyDir(), kept.text);
        }
        this.#indexApplication(application.entry);
        generation.touched.applications.add(app.id);
        for (const licence of licences) {
          this.#indexLicence(licence.entry);
          generation.touched.licences.add(licenceKey(licence.entry.region, licence.entry.number));
        }
        for (const document of documents) this.#stage(generation, document.path, l.documents(), document.text);
        for (const licence of licences) {
          generation.touched.dirs.add(l.licences()); // the region's directory may be new
          this.#stage(generation, licence.path, licence.dir, licence.text);
        }
        this.#stage(generation, application.path, l.applications(), application.text);
        this.#feed.written(app);
      });
    });
  }

  /** Appends an entry to the log and, once it is durable, runs `apply` (index and staged records), which must not throw. */
  async #logged(entryJson: string, apply: (generation: WalGeneration) => void): Promise<void> {
    const generation = this.#generation;
    if (!generation) throw new Error('the store is closed');
    generation.begin();
    try {
      try {
        await generation.log.append([walLine(entryJson)]);
      } catch (error) {
        // Whether the line reached the disk is unknown: a restart decides, by replaying the log.
        this.#broken ??= error;
        throw error;
      }
      apply(generation);
    } finally {
      generation.end();
    }
    this.#checkpointIfDue(generation);
  }

  /** Stages a record of a durable write; the generation's checkpoint writes its file. */
  #stage(generation: WalGeneration, path: string, dir: string, text: string): void {
    generation.touched.file(path, dir);
    this.#files.stage(path, text);
  }

  #assertWritable(): void {
    if (this.#closed) throw new Error('the store is closed');
    if (this.#broken !== undefined) {
      throw new Error(BROKEN, { cause: this.#broken });
    }
  }

  #checkpointIfDue(generation: WalGeneration): void {
    if (this.#checkpointing || this.#closed || this.#broken !== undefined || generation !== this.#generation) return;
    if (generation.log.bytes < this.#checkpointBytes && generation.touched.files.size < this.#checkpointFiles) return;
    this.#checkpointing = this.#checkpoint(true)
      .catch((error: unknown) => {
        this.#broken ??= error;
      })
      .finally(() => {
        this.#checkpointing = undefined;
      });
  }

  /**
   * Moves new writes to a fresh log file (unless closing), waits for the writes of the current one,
   * writes the record files they touched and makes them durable, then deletes the log file. A crash at
   * any point leaves the file, and replaying it again is harmless. If the store broke, the file is
   * kept for the next start to replay (and the staged texts for reads until then).
   */
  async #checkpoint(openNext: boolean): Promise<void> {
    const l = this.#layout;
    const old = this.#generation!;
    this.#generation = openNext ? await WalGeneration.open(old.number + 1, l.walFile(old.number + 1), l.wal()) : undefined;
    await old.drained();
    await old.log.close();
    this.#retiredSyncs += old.log.syncs;
    if (this.#broken !== undefined) return;
    let takenOver: ReadonlySet<string> = new Set();
    if (old.touched.files.size > 0) {
      // A filed upload's record is its pending record rewritten and moved, not a new file.
      const takeOver = new Map([...old.touched.uploads].map((id) => [l.attachment(id, 'json'), l.upload(id, 'json')]));
      const dirs = takeOver.size > 0 ? [...old.touched.dirs, l.uploads()] : old.touched.dirs;
      ({ takenOver } = await this.#files.flush(old.touched.files, dirs, { eachFile: this.#syncEachFile, takeOver }));
    }
    await this.#uploads.settle(old.touched.uploads, takenOver);
    await this.#remove(old.touched.removals);
    await this.#persistIndex(old.touched, { applications: false, licences: false });
    await unlink(old.path);
    await syncDirectory(l.wal());
    await this.#removeOldIdempotency();
    this.#checkpoints++;
  }

  /**
   * Makes the current index entries of the touched applications and licences durable: appended to the
   * index logs, or, when a log has grown to over twice its entries (or has a torn tail), by rewriting
   * it with one line per entry. Entries newer than the checkpoint's writes are fine: their own log
   * file is still there to replay.
   */
  async #persistIndex(touched: Touched, torn: { applications: boolean; licences: boolean }): Promise<void> {
    await this.#persistEntries('applications', this.#applicationLog, [...touched.applications].map((id) => this.#applications.get(id)), torn.applications);
    await this.#persistEntries('licences', this.#licenceLog, [...touched.licences].map((key) => this.#licences.get(key)), torn.licences);
  }

  async #persistEntries(
    which: 'applications' | 'licences',
    log: AppendLog,
    changed: readonly (ApplicationIndexEntry | LicenceIndexEntry | undefined)[],
    torn: boolean,
  ): Promise<void> {
    const all = which === 'applications' ? this.#applications : this.#licences;
    const entries = changed.filter((e) => e !== undefined);
    if (torn || this.#indexLines[which] + entries.length > 2 * all.size + 1000) {
      await log.close();
      await durableWrite(log.path, await linesOf(all.values()));
      this.#indexLines[which] = all.size;
      await log.open();
    } else if (entries.length > 0) {
      await log.append(entries.map((e) => `${JSON.stringify(e)}\n`));
      this.#indexLines[which] += entries.length;
    }
  }

  /** Entries of the journal directory of earlier versions (a write in progress there is replayed like a log line). */
  async #journalEntries(): Promise<{ entries: unknown[]; files: string[] }> {
    const dir = this.#layout.journal();
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], files: [] };
      throw error;
    }
    const entries: unknown[] = [];
    for (const name of names) {
      // Anything not ending in .json is the temp file of an entry never completed, hence never acknowledged.
      if (name.endsWith('.json')) entries.push(JSON.parse(await readFile(join(dir, name), 'utf8')));
    }
    return { entries, files: names.map((name) => join(dir, name)) };
  }

  /**
   * Re-applies logged entries, oldest first: each record file ends up with the newest version the log
   * or the disk holds (a file that does not parse, emptied by a power cut, counts as absent), and the
   * index with it. Every file the log names is returned as touched, rewritten or not, since a file
   * written before a kill -9 may still be only in the page cache. A file that cannot be rewritten
   * stops the start (RecordRepairError names it); a temporary file a checkpoint left is removed.
   */
  async #replay(entries: readonly unknown[]): Promise<Touched> {
    const newest = new Map<string, ReplayedRecord>();
    for (const entry of entries) {
      for (const record of this.#recordsOf(entry as LogEntry)) {
        const known = newest.get(record.path);
        if (!known || (record.version ?? 0) >= (known.version ?? 0)) newest.set(record.path, record);
      }
    }
    const doneDeliveries = new Set([...newest.values()].filter((r) => r.kind === 'delivery' && r.record.status !== 'pending').map((r) => String(r.record.id)));
    for (const id of doneDeliveries) {
      const pending = newest.get(this.#layout.delivery(id));
      if (pending) newest.delete(pending.path);
    }
    const touched = new Touched();
    for (const logged of newest.values()) {
      let record: Record<string, unknown>;
      try {
        record = await this.#repair(logged);
      } catch (error) {
        throw new RecordRepairError(logged.path, error);
      }
      touched.file(logged.path, logged.dir);
      if (logged.kind === 'application') {
        const entry = indexEntryOf(record as unknown as ApplicationRecord);
        this.#indexApplication(entry);
        touched.applications.add(entry.id);
      } else if (logged.kind === 'licence') {
        const entry = licenceEntryOf(record as unknown as LicenceRecord);
        this.#indexLicence(entry);
        touched.licences.add(licenceKey(entry.region, entry.number));
        touched.dirs.add(this.#layout.licences());
      } else if (logged.kind === 'sequence') {
        this.#sequences.set(logged.region!, Number(record.seq));
      } else if (logged.kind === 'counter') {
        this.#counters.set(logged.counterKey!, Number(record.seq));
      } else if (logged.kind === 'upload') {
        touched.uploads.add(String(record.id));
      } else if (logged.kind === 'delivery') {
        const delivery = record as unknown as DeliveryRecord;
        if (delivery.status === 'pending') {
          if (!doneDeliveries.has(delivery.id)) this.#outbox.set(delivery.id, delivery);
        } else {
          this.#outbox.delete(delivery.id);
          touched.removals.add(this.#layout.delivery(delivery.id));
          touched.dirs.add(this.#layout.outboxDone());
        }
      } else if (logged.kind === 'idempotency') {
        this.#indexIdempotency(logged.idempotency!);
      }
    }
    // A pending entry the log also finished: its file goes (it may have been written by an earlier checkpoint).
    for (const id of doneDeliveries) touched.removals.add(this.#layout.delivery(id));
    return touched;
  }

  /** Brings one record file up to its newest logged version (unless the file is as new already); returns what it now holds. */
  async #repair(logged: ReplayedRecord): Promise<Record<string, unknown>> {
    const stored = this.#files.readForReplay<Record<string, unknown>>(logged.path);
    const storedVersion =
      stored === null
        ? null
        : logged.kind === 'delivery'
          ? deliveryRank(stored as unknown as DeliveryRecord)
          : Number(logged.kind === 'sequence' || logged.kind === 'counter' ? stored.seq : stored.version);
    const keepStored = stored !== null && (logged.version === null || storedVersion! >= logged.version);
    await this.#files.ensureDirectory(logged.dir);
    if (!keepStored) this.#files.writeNow(logged.path, JSON.stringify(logged.record));
    await unlink(tempPathOf(logged.path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    return keepStored ? stored : logged.record;
  }

  #recordsOf(entry: LogEntry): ReplayedRecord[] {
    const l = this.#layout;
    if ('sequence' in entry) {
      const { region, seq } = entry.sequence;
      return [{ kind: 'sequence', path: l.sequence(region), dir: l.sequences(), record: { seq }, version: seq, region }];
    }
    if ('delivery' in entry) return [this.#deliveryRecord(entry.delivery)];
    if ('notificationList' in entry) return [this.#notificationRecord(entry.notificationList)];
    const counter = entry.counter;
    const kept = entry.idempotency && this.#idempotencyEntryOf(entry.idempotency);
    return [
      // Written once under a name that holds its expiry: a file already there is the same record.
      ...(kept ? [{ kind: 'idempotency', path: kept.path, dir: l.idempotencyDir(), record: asRecord(entry.idempotency!), version: null, idempotency: kept } satisfies ReplayedRecord] : []),
      ...(counter
        ? [{ kind: 'counter', path: l.counter(counter.region, counter.year), dir: l.counters(), record: { ...counter }, version: counter.seq, counterKey: counterKey(counter.region, counter.year) } satisfies ReplayedRecord]
        : []),
      ...(entry.uploads ?? []).map((u): ReplayedRecord => ({ kind: 'upload', path: l.attachment(u.id, 'json'), dir: l.attachments(), record: asRecord(u), version: null })),
      ...(entry.notifications ?? []).map((list) => this.#notificationRecord(list)),
      ...(entry.deliveries ?? []).map((d) => this.#deliveryRecord(d)),
      ...entry.documents.map((d): ReplayedRecord => ({ kind: 'document', path: l.document(d.id), dir: l.documents(), record: asRecord(d), version: null })),
      ...entry.licences.map((x): ReplayedRecord => ({ kind: 'licence', path: l.licence(x.region, x.number), dir: l.licences(x.region), record: asRecord(x), version: x.version })),
      { kind: 'application', path: l.application(entry.application.id), dir: l.applications(), record: asRecord(entry.application), version: entry.application.version },
    ];
  }

  #deliveryRecord(delivery: DeliveryRecord): ReplayedRecord {
    const l = this.#layout;
    return delivery.status === 'pending'
      ? { kind: 'delivery', path: l.delivery(delivery.id), dir: l.outbox(), record: asRecord(delivery), version: deliveryRank(delivery) }
      : { kind: 'delivery', path: l.deliveryDone(delivery.applicationId, delivery.id), dir: l.outboxDone(delivery.applicationId), record: asRecord(delivery), version: deliveryRank(delivery) };
  }

  #notificationRecord(list: NotificationList): ReplayedRecord {
    return { kind: 'notifications', path: this.#layout.notificationList(list.userId), dir: this.#layout.notifications(), record: asRecord(list), version: list.version };
  }

  /** Deletes record files whose records moved (an outbox entry once made), unless a later write staged them again. */
  async #remove(paths: Iterable<string>): Promise<void> {
    let removed = false;
    for (const path of paths) {
      if (this.#files.isStaged(path)) continue;
      await unlink(path).then(
        () => (removed = true),
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        },
      );
    }
    if (removed) await syncDirectory(this.#layout.outbox());
  }

  #idempotencyEntryOf(record: IdempotencyRecord): IdempotencyIndexEntry {
    const hash = idempotencyHash(record.owner, record.key);
    const expiresAtMs = Date.parse(record.expiresAt);
    if (Number.isNaN(expiresAtMs)) throw new RangeError(`idempotency key ${JSON.stringify(record.key)}: "expiresAt" is not an instant: "${record.expiresAt}"`);
    return { hash, expiresAtMs, path: this.#layout.idempotency(hash, expiresAtMs) };
  }

  /** The newest record of a key wins; the file of the one it replaces goes at the next checkpoint. */
  #indexIdempotency(entry: IdempotencyIndexEntry): void {
    const known = this.#idempotency.get(entry.hash);
    if (known && known.expiresAtMs >= entry.expiresAtMs) {
      if (known.path !== entry.path) this.#replacedIdempotency.add(entry.path);
      return;
    }
    if (known) this.#replacedIdempotency.add(known.path);
    this.#idempotency.set(entry.hash, entry);
  }

  /**
   * Removes the files of keys expired by the latest moment a caller named, and of replaced records,
   * once they are on disk (never one still staged). Run at checkpoints, after the log is gone: a
   * crash before the removal leaves an expired file, which the next start indexes and removes again.
   */
  async #removeOldIdempotency(): Promise<void> {
    const gone = [...this.#replacedIdempotency];
    this.#replacedIdempotency.clear();
    for (const [hash, entry] of this.#idempotency) {
      if (entry.expiresAtMs <= this.#latestNowMs && !this.#files.isStaged(entry.path)) {
        this.#idempotency.delete(hash);
        gone.push(entry.path);
      }
    }
    for (const path of gone) {
      if (this.#files.isStaged(path)) continue;
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  #indexApplication(entry: ApplicationIndexEntry): void {
    const known = this.#applications.get(entry.id);
    if (!known || known.version <= entry.version) {
      this.#applications.set(entry.id, entry);
      if (entry.row) this.#inbox.put(entry.row);
    }
  }

  #indexLicence(entry: LicenceIndexEntry): void {
    const key = licenceKey(entry.region, entry.number);
    const known = this.#licences.get(key);
    if (!known || known.version <= entry.version) this.#licences.set(key, entry);
  }
}

/** Replay could not bring a record file up to the log: the store does not start. */
export class RecordRepairError extends Error {
  override name = 'RecordRepairError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`the store cannot start: replaying the write-ahead log could not repair ${path} (${(cause as Error).message})`, { cause });
  }
}

/** Opens (creates if needed) a file store in `dir`; call `init()` before use. */
export function lowdbStore(options: LowdbStoreOptions): LowdbStore {
  return new LowdbStore(options);
}

const licenceKey = (region: string, number: string) => `${region}\u0000${number}`;
/** Names an owner's key in file names (any characters in it, any length, one fixed-size name). */
const idempotencyHash = (owner: string, key: string) => createHash('sha256').update(idempotencyKeyOf(owner, key)).digest('hex');
const counterKey = (region: string, year: number) => `${region}\u0000${year}`;

function licenceEntryOf(licence: LicenceRecord): LicenceIndexEntry {
  const { number, region, status, issuedOn, attributes, version } = licence;
  return { number, region, status, issuedOn, attributes, version };
}

const asRecord = (value: object) => value as Record<string, unknown>;
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One JSON line per value, yielding to the event loop now and then so a large index does not stall requests. */
async function linesOf(values: Iterable<unknown>): Promise<string> {
  const lines: string[] = [];
  for (const value of values) {
    lines.push(`${JSON.stringify(value)}\n`);
    if (lines.length % 10_000 === 0) await nextTurn();
  }
  return lines.join('');
}
