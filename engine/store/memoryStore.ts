import { PassThrough, Readable } from 'node:stream';
import type {
  ApplicationQuery,
  DeliveryRecord,
  DraftRecord,
  ApplicationRecord,
  IdempotencyRecord,
  LicenceQuery,
  LicenceRecord,
  NewApplication,
  NotificationRecord,
  Page,
  ReadRecord,
  Store,
  StoreEffects,
  StoredDocument,
  UploadRecord,
} from '../api.ts';
import { TransitionError, VersionConflictError } from '../errors.ts';
import { bindAttachments, draftAttachments } from './bindAttachments.ts';
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
const CLOSED = 'the store is closed';

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
  const uploads = new Map<string, { record: UploadRecord; content: Buffer }>();
  const drafts = new Map<string, DraftRecord>();
  const notifications = new Map<string, NotificationRecord[]>();
  const deliveries = new Map<string, DeliveryRecord>();
  /** Delivery id -> until when a sender holds it. */
  const leases = new Map<string, number>();
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
    for (const record of bindAttachments(effects.attachments, app.id, (id) => uploads.get(id)?.record)) uploads.get(record.id)!.record = record;
    applications.set(app.id, structuredClone(app));
    index.set(app.id, indexEntryOf(app));
    inbox.put(caseRowOf(app));
    for (const document of effects.documents) documents.set(document.id, structuredClone(document));
    for (const licence of effects.licences) licences.set(licenceKey(licence.region, licence.number), structuredClone(licence));
    for (const notification of effects.notifications ?? []) notifications.set(notification.userId, [structuredClone(notification), ...(notifications.get(notification.userId) ?? [])]);
    for (const delivery of effects.deliveries ?? []) deliveries.set(delivery.id, structuredClone(delivery));
    if (claim) idempotency.set(idempotencyKeyOf(claim.owner, claim.key), structuredClone(claim));
  }

  let closed = false;

  return {
    async init() {},
    async close() {
      closed = true;
    },
    health: () => (closed ? { writable: false, reason: CLOSED } : { writable: true }),
    async createApplication(draft: NewApplication) {
      const key = `${draft.counter.region}\u0000${draft.counter.year}`;
      const claim = draft.idempotency;
      checkClaim(claim, claim && kept(claim.owner, claim.key, claim.createdAt));
      const seq = (counters.get(key) ?? 0) + 1;
      const { application, documents, notifications: told, deliveries: outbox, response } = draft.build(seq);
      if (application.id !== draft.id) throw new RangeError(`application ${draft.id} was built with id ${application.id}`);
      write(application, 0, { documents, licences: draft.licences, attachments: draft.attachments, notifications: told, deliveries: outbox, idempotency: recordOf(claim, response) });
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
    async beginUpload(id) {
      const chunks: Buffer[] = [];
      const out = new PassThrough();
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      return {
        out,
        async commit(record) {
          if (record.id !== id) throw new RangeError(`upload ${id} committed as ${record.id}`);
          const content = Buffer.concat(chunks);
          if (content.length !== record.size) throw new Error(`upload ${id} received ${content.length} bytes, its record says ${record.size}`);
          uploads.set(id, { record: structuredClone(record), content });
        },
        async abort() {
          chunks.length = 0;
        },
      };
    },
    async getUpload(id) {
      const upload = uploads.get(id);
      return upload && structuredClone(upload.record);
    },
    async openUpload(id) {
      const upload = uploads.get(id);
      return upload && Readable.from([upload.content]);
    },
    async sweep({ uploadsBefore, draftsBefore }) {
      let removedDrafts = 0;
      for (const [id, draft] of drafts) {
        if (Date.parse(draft.updatedAt) < draftsBefore.getTime()) {
          drafts.delete(id);
          removedDrafts++;
        }
      }
      const kept = draftAttachments(drafts.values());
      let removedUploads = 0;
      for (const [id, { record }] of uploads) {
        if (record.applicationId === null && Date.parse(record.createdAt) < uploadsBefore.getTime() && !kept.has(id)) {
          uploads.delete(id);
          removedUploads++;
        }
      }
      return { uploads: removedUploads, drafts: removedDrafts };
    },
    async saveDraft(draft, expectedVersion) {
      const stored = drafts.get(draft.id)?.version ?? 0;
      if (stored !== expectedVersion || draft.version !== expectedVersion + 1) throw new VersionConflictError(draft.id, expectedVersion, stored, 'Черновик');
      drafts.set(draft.id, structuredClone(draft));
    },
    async getDraft(id) {
      const draft = drafts.get(id);
      return draft && structuredClone(draft);
    },
    async listDrafts(region, applicantId) {
      return [...drafts.values()]
        .filter((d) => d.region === region && d.applicantId === applicantId)
        .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
        .map((d) => structuredClone(d));
    },
    async deleteDraft(id) {
      drafts.delete(id);
    },
    async listNotifications(userId, limit) {
      const all = notifications.get(userId) ?? [];
      return { items: all.slice(0, limit).map((n) => structuredClone(n)), unread: all.filter((n) => !n.read).length };
    },
    async markNotificationsRead(userId, ids) {
      const all = notifications.get(userId);
      if (all) notifications.set(userId, all.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)));
    },
    async claimDeliveries(channel, now, limit, leaseMs) {
      const due = [...deliveries.values()]
        .filter((d) => d.channel === channel && d.status === 'pending' && Date.parse(d.nextAttemptAt) <= now.getTime() && (leases.get(d.id) ?? 0) <= now.getTime())
        .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      for (const d of due) leases.set(d.id, now.getTime() + leaseMs);
      return due.map((d) => structuredClone(d));
    },
    async updateDelivery(delivery) {
      const stored = deliveries.get(delivery.id);
      if (!stored) throw new RangeError(`no delivery ${delivery.id}`);
      if (stored.status !== 'pending') throw new TransitionError(`Отправление ${delivery.id} уже завершено`);
      deliveries.set(delivery.id, structuredClone(delivery));
      leases.delete(delivery.id);
    },
    async getDelivery(applicationId, id) {
      const delivery = deliveries.get(id);
      if (delivery?.applicationId !== applicationId) return undefined;
      return delivery && structuredClone(delivery);
    },
    async listDeliveries(query) {
      return [...deliveries.values()]
        .filter((d) => ('applicationId' in query ? d.applicationId === query.applicationId : d.region === query.region && d.channel === query.channel && d.status === query.status))
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1))
        .map((d) => structuredClone(d));
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
