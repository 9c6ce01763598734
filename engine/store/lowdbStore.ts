import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type {
  ApplicationQuery,
  ApplicationRecord,
  LicenceQuery,
  LicenceRecord,
  Page,
  Store,
  StoreEffects,
  StoredDocument,
} from '../api.ts';
import { AppendLog } from './AppendLog.ts';
import { indexEntryOf, type ApplicationIndexEntry } from './ApplicationIndexEntry.ts';
import { checkWrite } from './checkWrite.ts';
import { DurableJsonFile } from './DurableJsonFile.ts';
import { durableWrite, syncDirectory } from './durableWrite.ts';
import { KeyedLock } from './KeyedLock.ts';
import { readJsonLines } from './readJsonLines.ts';
import { selectApplications } from './selectApplications.ts';
import { selectLicences, type LicenceIndexEntry } from './selectLicences.ts';
import { StoreLayout } from './StoreLayout.ts';

/** One create or update, as written to the journal before any record file is touched. */
interface JournalEntry {
  readonly application: ApplicationRecord;
  readonly documents: readonly StoredDocument[];
  readonly licences: readonly LicenceRecord[];
}

/**
 * The file Store: one JSON file per application, licence and document (lowdb over a fsyncing adapter),
 * with the indexes in memory, loaded at init from append-only logs.
 *
 * A write (create or update) is: check versions against the in-memory index under a per-id lock →
 * write the journal entry (durable) → write the record files (durable) → append the index lines
 * (fdatasync) → delete the journal entry. A crash at any point leaves either no journal entry (nothing
 * or everything is written) or one that `init` replays, writing only records newer than those on disk.
 * The work per write is the same however many applications are stored.
 */
export class LowdbStore implements Store {
  readonly #layout: StoreLayout;
  readonly #lock = new KeyedLock();
  readonly #applications = new Map<string, ApplicationIndexEntry>();
  readonly #licences = new Map<string, LicenceIndexEntry>();
  readonly #sequences = new Map<string, number>();
  #applicationLog: AppendLog;
  #licenceLog: AppendLog;
  #journalCounter = 0;
  /** Set when a write failed half-way: the files may be ahead of the index, so refuse writes until restart. */
  #broken: unknown;

  constructor(dir: string) {
    this.#layout = new StoreLayout(dir);
    this.#applicationLog = new AppendLog(this.#layout.applicationIndex());
    this.#licenceLog = new AppendLog(this.#layout.licenceIndex());
  }

  async init(): Promise<void> {
    const l = this.#layout;
    for (const dir of [l.applications(), l.licences(), l.documents(), l.sequences(), l.index(), l.journal()]) {
      await mkdir(dir, { recursive: true });
    }
    for (const entry of await readJsonLines<ApplicationIndexEntry>(l.applicationIndex())) this.#indexApplication(entry);
    for (const entry of await readJsonLines<LicenceIndexEntry>(l.licenceIndex())) this.#indexLicence(entry);
    await this.#replayJournal();
    // Compaction: the logs are rewritten with one line per record, so start-up reads stay proportional to the data.
    await durableWrite(l.applicationIndex(), linesOf([...this.#applications.values()]));
    await durableWrite(l.licenceIndex(), linesOf([...this.#licences.values()]));
    await this.#applicationLog.open();
    await this.#licenceLog.open();
  }

  async close(): Promise<void> {
    await this.#applicationLog.close();
    await this.#licenceLog.close();
  }

  createApplication(app: ApplicationRecord, effects: StoreEffects): Promise<void> {
    return this.#write(app, 0, effects);
  }

  updateApplication(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void> {
    return this.#write(app, expectedVersion, effects);
  }

  async getApplication(id: string): Promise<ApplicationRecord | undefined> {
    if (!this.#applications.has(id)) return undefined;
    return (await readRecord<ApplicationRecord>(this.#layout.application(id))) ?? undefined;
  }

  async listApplications(query: ApplicationQuery): Promise<Page<ApplicationRecord>> {
    const { ids, total } = selectApplications(this.#applications.values(), query);
    const items = await Promise.all(ids.map((id) => readRecord<ApplicationRecord>(this.#layout.application(id))));
    return { items: items.filter((a): a is ApplicationRecord => a !== null), total };
  }

  async getLicence(region: string, number: string): Promise<LicenceRecord | undefined> {
    if (!this.#licences.has(licenceKey(region, number))) return undefined;
    return (await readRecord<LicenceRecord>(this.#layout.licence(region, number))) ?? undefined;
  }

  async searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>> {
    const { numbers, total } = selectLicences(this.#licences.values(), query);
    const items = await Promise.all(numbers.map((n) => readRecord<LicenceRecord>(this.#layout.licence(query.region, n))));
    return { items: items.filter((l): l is LicenceRecord => l !== null), total };
  }

  nextLicenceSeq(region: string): Promise<number> {
    return this.#lock.run([`seq:${region}`], async () => {
      const path = this.#layout.sequence(region);
      const current = this.#sequences.get(region) ?? (await readRecord<{ seq: number }>(path))?.seq ?? 0;
      const next = current + 1;
      await writeRecord(path, { seq: next });
      this.#sequences.set(region, next);
      return next;
    });
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    return (await readRecord<StoredDocument>(this.#layout.document(id))) ?? undefined;
  }

  saveConfigVersion(region: string, version: string, files: Readonly<Record<string, string>>): Promise<void> {
    return this.#lock.run([`config:${region}:${version}`], async () => {
      const path = this.#layout.configVersion(region, version);
      if ((await readRecord(path)) !== null) return; // a version's files never change: its name is their hash
      await mkdir(this.#layout.configVersions(region), { recursive: true });
      await writeRecord(path, files);
    });
  }

  async getConfigVersion(region: string, version: string): Promise<Readonly<Record<string, string>> | undefined> {
    return (await readRecord<Record<string, string>>(this.#layout.configVersion(region, version))) ?? undefined;
  }

  /**
   * Loads many new applications at once, for migrations and benchmarks. Record files are written
   * without the journal and without fsync (only the index lines are synced), so it must run on a
   * store nobody else writes to, and a crash during or just after it can lose imported records:
   * re-run the import then. Versions are not checked.
   */
  async bulkImport(apps: readonly ApplicationRecord[], onProgress?: (done: number) => void): Promise<void> {
    const chunk = 1000;
    for (let start = 0; start < apps.length; start += chunk) {
      const batch = apps.slice(start, start + chunk);
      await Promise.all(batch.map((app) => writePlain(this.#layout.application(app.id), app)));
      const entries = batch.map(indexEntryOf);
      await this.#applicationLog.append(entries.map((e) => `${JSON.stringify(e)}\n`));
      for (const entry of entries) this.#indexApplication(entry);
      onProgress?.(start + batch.length);
    }
    await syncDirectory(this.#layout.applications());
  }

  async #write(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void> {
    const keys = [`app:${app.id}`, ...effects.licences.map((l) => `licence:${licenceKey(l.region, l.number)}`)];
    await this.#lock.run(keys, async () => {
      if (this.#broken) throw new Error('the store stopped accepting writes after a failed write; restart to recover', { cause: this.#broken });
      checkWrite(app, expectedVersion, effects.licences, this.#applications.get(app.id)?.version, (licence) =>
        this.#licences.get(licenceKey(licence.region, licence.number))?.version,
      );
      const entry: JournalEntry = { application: app, documents: effects.documents, licences: effects.licences };
      // Names sort in write order (replay goes oldest first); the time only orders entries, it is not business time.
      const name = `${String(Date.now()).padStart(15, '0')}-${String(process.pid).padStart(10, '0')}-${String(++this.#journalCounter).padStart(12, '0')}.json`;
      const journalPath = join(this.#layout.journal(), name);
      await durableWrite(journalPath, JSON.stringify(entry));
      try {
        await this.#apply(entry);
      } catch (error) {
        this.#broken = error;
        throw error;
      }
      // Deleting the entry needs no fsync: replaying an applied entry again writes nothing (versions).
      await unlink(journalPath);
    });
  }

  /** Writes the records of a journal entry and appends their index lines; idempotent. */
  async #apply(entry: JournalEntry): Promise<void> {
    await Promise.all(entry.documents.map((document) => writeRecord(this.#layout.document(document.id), document)));
    await Promise.all(
      entry.licences.map(async (licence) => {
        await mkdir(this.#layout.licences(licence.region), { recursive: true });
        await writeRecord(this.#layout.licence(licence.region, licence.number), licence);
      }),
    );
    await writeRecord(this.#layout.application(entry.application.id), entry.application);
    const licenceEntries = entry.licences.map(licenceEntryOf);
    const applicationEntry = indexEntryOf(entry.application);
    await Promise.all([
      this.#applicationLog.append([`${JSON.stringify(applicationEntry)}\n`]),
      licenceEntries.length > 0 ? this.#licenceLog.append(licenceEntries.map((e) => `${JSON.stringify(e)}\n`)) : undefined,
    ]);
    this.#indexApplication(applicationEntry);
    for (const licenceEntry of licenceEntries) this.#indexLicence(licenceEntry);
  }

  /** Finishes writes a crash cut short, oldest first, keeping whatever is newer on disk. */
  async #replayJournal(): Promise<void> {
    const dir = this.#layout.journal();
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const path = join(dir, name);
      if (!name.endsWith('.json')) {
        await unlink(path); // a temp file of a journal write that never completed: that write was never acknowledged
        continue;
      }
      const entry = JSON.parse(await readFile(path, 'utf8')) as JournalEntry;
      await Promise.all(entry.documents.map((d) => writeRecord(this.#layout.document(d.id), d)));
      for (const licence of entry.licences) {
        const licencePath = this.#layout.licence(licence.region, licence.number);
        await mkdir(this.#layout.licences(licence.region), { recursive: true });
        const stored = await readRecord<LicenceRecord>(licencePath);
        if (!stored || stored.version < licence.version) await writeRecord(licencePath, licence);
        this.#indexLicence(licenceEntryOf(stored && stored.version > licence.version ? stored : licence));
      }
      const appPath = this.#layout.application(entry.application.id);
      const stored = await readRecord<ApplicationRecord>(appPath);
      if (!stored || stored.version < entry.application.version) await writeRecord(appPath, entry.application);
      this.#indexApplication(indexEntryOf(stored && stored.version > entry.application.version ? stored : entry.application));
      await unlink(path);
    }
    await syncDirectory(dir);
  }

  #indexApplication(entry: ApplicationIndexEntry): void {
    const known = this.#applications.get(entry.id);
    if (!known || known.version <= entry.version) this.#applications.set(entry.id, entry);
  }

  #indexLicence(entry: LicenceIndexEntry): void {
    const key = licenceKey(entry.region, entry.number);
    const known = this.#licences.get(key);
    if (!known || known.version <= entry.version) this.#licences.set(key, entry);
  }
}

/** Opens (creates if needed) a file store in `dir`; call `init()` before use. */
export function lowdbStore(options: { readonly dir: string }): LowdbStore {
  return new LowdbStore(options.dir);
}

const licenceKey = (region: string, number: string) => `${region}\u0000${number}`;

function licenceEntryOf(licence: LicenceRecord): LicenceIndexEntry {
  const { number, region, status, issuedOn, attributes, version } = licence;
  return { number, region, status, issuedOn, attributes, version };
}

function linesOf(values: readonly unknown[]): string {
  return values.map((v) => `${JSON.stringify(v)}\n`).join('');
}

async function readRecord<T>(path: string): Promise<T | null> {
  const db = new Low<T | null>(new DurableJsonFile<T | null>(path), null);
  await db.read();
  return db.data;
}

async function writeRecord<T>(path: string, record: T): Promise<void> {
  const db = new Low<T>(new DurableJsonFile<T>(path), record);
  await db.write();
}

async function writePlain(path: string, record: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(record));
}
