import type {
  ApplicationQuery,
  ApplicationRecord,
  IdempotencyRecord,
  LicenceQuery,
  LicenceRecord,
  NewApplication,
  Page,
  ReadRecord,
  Store,
  StoreEffects,
  StoredDocument,
} from '../api.ts';
import { indexEntryOf, type ApplicationIndexEntry } from './ApplicationIndexEntry.ts';
import { caseRowOf } from '../inbox/caseRow.ts';
import { ChangeFeed } from './ChangeFeed.ts';
import { checkWrite } from './checkWrite.ts';
import { InboxIndex } from './inbox/InboxIndex.ts';
import { reportFactOf } from './reportFactOf.ts';
import { checkClaim, idempotencyKeyOf, recordOf, stillKept } from './idempotencyRecords.ts';
import { RevokedSessionSet } from './RevokedSessionSet.ts';
import { selectApplications } from './selectApplications.ts';
import { selectLicences } from './selectLicences.ts';
import { selectReads } from './selectReads.ts';

/**
 * A Store in process memory, for tests and for `reglament serve --memory`. Records are copied in and
 * out (structuredClone), so callers can never change stored data by mutating what they hold. Each
 * write checks and applies in one synchronous step, which makes it atomic within the process.
 */
export function memoryStore(): Store {
  const applications = new Map<string, ApplicationRecord>();
  const index = new Map<string, ApplicationIndexEntry>();
  const inbox = new InboxIndex();
  const feed = new ChangeFeed();
  const licences = new Map<string, LicenceRecord>();
  const documents = new Map<string, StoredDocument>();
  const sequences = new Map<string, number>();
  /** Last application number per "region\0year". */
  const counters = new Map<string, number>();
  const configVersions = new Map<string, Readonly<Record<string, string>>>();
  const revoked = new RevokedSessionSet();
  const idempotency = new Map<string, IdempotencyRecord>();
  let reads: ReadRecord[] = [];
  const licenceKey = (region: string, number: string) => `${region}\u0000${number}`;

  /** The record of `owner`'s key, dropped once it has expired at `at`. */
  function kept(owner: string, key: string, at: string): IdempotencyRecord | undefined {
    const record = idempotency.get(idempotencyKeyOf(owner, key));
    if (record && !stillKept(record, at)) idempotency.delete(idempotencyKeyOf(owner, key));
    return record && stillKept(record, at) ? record : undefined;
  }

  function write(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): void {
    const claim = effects.idempotency;
    checkClaim(claim, claim && kept(claim.owner, claim.key, claim.createdAt));
    checkWrite(app, expectedVersion, effects.licences, applications.get(app.id)?.version, (licence) =>
      licences.get(licenceKey(licence.region, licence.number))?.version,
    );
    applications.set(app.id, structuredClone(app));
    index.set(app.id, indexEntryOf(app));
    inbox.put(caseRowOf(app));
    for (const document of effects.documents) documents.set(document.id, structuredClone(document));
    for (const licence of effects.licences) licences.set(licenceKey(licence.region, licence.number), structuredClone(licence));
    if (claim) idempotency.set(idempotencyKeyOf(claim.owner, claim.key), structuredClone(claim));
  }

  return {
    async init() {},
    async close() {},
    async createApplication(draft: NewApplication) {
      const key = `${draft.counter.region}\u0000${draft.counter.year}`;
      const claim = draft.idempotency;
      checkClaim(claim, claim && kept(claim.owner, claim.key, claim.createdAt));
      const seq = (counters.get(key) ?? 0) + 1;
      const { application, documents, response } = draft.build(seq);
      if (application.id !== draft.id) throw new RangeError(`application ${draft.id} was built with id ${application.id}`);
      write(application, 0, { documents, licences: draft.licences, idempotency: recordOf(claim, response) });
      counters.set(key, seq);
      feed.written(application);
      return structuredClone(application);
    },
    async getApplication(id) {
      const app = applications.get(id);
      return app && structuredClone(app);
    },
    async updateApplication(app, expectedVersion, effects) {
      write(app, expectedVersion, effects);
      feed.written(app);
    },
    async listInbox(query) {
      return structuredClone(inbox.list(query));
    },
    watch: (listener) => feed.watch(listener),
    async reportFacts(region) {
      return [...applications.values()].filter((a) => a.region === region).map((a) => structuredClone(reportFactOf(a)));
    },
    async listApplications(query: ApplicationQuery): Promise<Page<ApplicationRecord>> {
      const { ids, total } = selectApplications(index.values(), query);
      return { items: ids.map((id) => structuredClone(applications.get(id)!)), total };
    },
    async getLicence(region, number) {
      const licence = licences.get(licenceKey(region, number));
      return licence && structuredClone(licence);
    },
    async searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>> {
      const { numbers, total } = selectLicences(licences.values(), query);
      return { items: numbers.map((n) => structuredClone(licences.get(licenceKey(query.region, n))!)), total };
    },
    async nextLicenceSeq(region) {
      const next = (sequences.get(region) ?? 0) + 1;
      sequences.set(region, next);
      return next;
    },
    async getDocument(id) {
      const document = documents.get(id);
      return document && structuredClone(document);
    },
    async saveConfigVersion(region, version, files) {
      const key = `${region}\u0000${version}`;
      if (!configVersions.has(key)) configVersions.set(key, structuredClone(files));
    },
    async getConfigVersion(region, version) {
      const files = configVersions.get(`${region}\u0000${version}`);
      return files && structuredClone(files);
    },
    async revokeSession(session) {
      revoked.add(session);
    },
    async revokedSessions(now) {
      return revoked.list(now);
    },
    async getIdempotency(owner, key, now) {
      const record = kept(owner, key, now);
      return record && structuredClone(record);
    },
    async appendReads(records) {
      for (const read of records) reads.push(structuredClone(read));
    },
    async listReads(query) {
      const page = selectReads(reads, query);
      return { items: page.items.map((r) => structuredClone(r)), total: page.total };
    },
    async pruneReads(before) {
      const cut = Date.parse(before);
      const kept = reads.filter((r) => Date.parse(r.at) >= cut);
      const removed = reads.length - kept.length;
      reads = kept;
      return removed;
    },
  };
}
