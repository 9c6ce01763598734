import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DraftRecord } from '../api.ts';
import { VersionConflictError } from '../errors.ts';
import { durableWrite, syncDirectory } from './durableWrite.ts';
import { KeyedLock } from './KeyedLock.ts';
import type { RecordFiles } from './RecordFiles.ts';
import type { StoreLayout } from './StoreLayout.ts';

/** What the file store keeps in memory of a draft: all but its data. */
type DraftEntry = Omit<DraftRecord, 'data'>;

/**
 * The file store's drafts: one file each (drafts/<id>.json), written durably on every save (a
 * temporary file, fsynced, renamed), outside the write-ahead log: a save changes nothing else, and
 * drafts are saved seconds apart, not on the filing path. Everything but the data is kept in memory
 * (loaded at start), to list an applicant's drafts and to know which uploads drafts refer to.
 */
export class FileDrafts {
  readonly #entries = new Map<string, DraftEntry>();
  readonly #lock = new KeyedLock();

  constructor(
    private readonly layout: StoreLayout,
    private readonly files: RecordFiles,
  ) {}

  async load(): Promise<void> {
    for (const name of await readdir(this.layout.drafts())) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const draft = await this.files.read<DraftRecord>(join(this.layout.drafts(), name));
      if (draft) this.#entries.set(draft.id, entryOf(draft));
    }
  }

  save(draft: DraftRecord, expectedVersion: number): Promise<void> {
    return this.#lock.run([draft.id], async () => {
      const stored = this.#entries.get(draft.id)?.version ?? 0;
      if (stored !== expectedVersion || draft.version !== expectedVersion + 1) throw new VersionConflictError(draft.id, expectedVersion, stored, 'Черновик');
      await durableWrite(this.layout.draft(draft.id), JSON.stringify(draft));
      this.#entries.set(draft.id, entryOf(draft));
    });
  }

  async get(id: string): Promise<DraftRecord | undefined> {
    if (!this.#entries.has(id)) return undefined;
    return (await this.files.read<DraftRecord>(this.layout.draft(id))) ?? undefined;
  }

  async list(region: string, applicantId: string): Promise<DraftRecord[]> {
    const ids = [...this.#entries.values()]
      .filter((d) => d.region === region && d.applicantId === applicantId)
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
      .map((d) => d.id);
    const drafts = await Promise.all(ids.map((id) => this.get(id)));
    return drafts.filter((d): d is DraftRecord => d !== undefined);
  }

  delete(id: string): Promise<void> {
    return this.#deleteIf(id, () => true).then(() => undefined);
  }

  /** Deletes the draft if `condition` holds for it when its lock is taken (a save may have come first). */
  #deleteIf(id: string, condition: (entry: DraftEntry) => boolean): Promise<boolean> {
    return this.#lock.run([id], async () => {
      const entry = this.#entries.get(id);
      if (!entry || !condition(entry)) return false;
      await unlink(this.layout.draft(id)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await syncDirectory(this.layout.drafts());
      this.#entries.delete(id);
      return true;
    });
  }

  /** Removes the drafts last changed before `before`; returns how many. */
  async removeOlder(before: Date): Promise<number> {
    const isOld = (d: DraftEntry) => Date.parse(d.updatedAt) < before.getTime();
    let removed = 0;
    for (const draft of [...this.#entries.values()].filter(isOld)) if (await this.#deleteIf(draft.id, isOld)) removed++;
    return removed;
  }

  /** Every upload id a draft refers to. */
  attachments(): Set<string> {
    const ids = new Set<string>();
    for (const draft of this.#entries.values()) for (const id of draft.attachments) ids.add(id);
    return ids;
  }
}

function entryOf(draft: DraftRecord): DraftEntry {
  const { data: _data, ...entry } = draft;
  return entry;
}
