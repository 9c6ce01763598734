/**
 * The engine's public contract: what the server (and the CLI) may rely on.
 * Types only; the implementations live in the folders named in each comment.
 */
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import type { AssignmentAction } from './assignment/assignCase.ts';
import type { InboxRow } from './inbox/inboxRow.ts';
import type { Reports } from './reports/Reports.ts';

export type { AssignmentAction, InboxRow, Reports };

/** Who is acting. `region` is the region the user belongs to ("*" for platform staff of every region). */
export interface Actor {
  readonly userId: string;
  readonly region: string;
  readonly roles: readonly string[];
}

/** A calendar date in the region's timezone, "YYYY-MM-DD". */
export type IsoDate = string;
/** An instant, ISO 8601 with offset, e.g. "2024-12-27T17:30:00+03:00" or "...Z". */
export type IsoInstant = string;

/** Injected time source: the engine never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

/** A due date, and whether it falls in (or was counted through) a year with no published calendar. */
export interface DueDate {
  readonly date: IsoDate;
  readonly provisional: boolean;
}

export interface FeeDue {
  /** Fee id in fees.yaml, or null for a free service. */
  readonly feeId: string | null;
  readonly title: string | null;
  /** Amount in roubles; 0 when free or exempt. */
  readonly amount: number;
  readonly clause: string | null;
  /** Exemption that applied, if any (the amount is then 0). */
  readonly exemption: { readonly id: string; readonly title: string; readonly clause: string } | null;
}

export interface HistoryEntry {
  readonly seq: number;
  /** When the engine recorded the step (its clock), not when the application was received. */
  readonly at: IsoInstant;
  /** Who acted; in an applicant's view `userId` is "" for every step the applicant did not take (staff are not named to them). */
  readonly actor: { readonly userId: string; readonly roles: readonly string[] };
  /** The event; "SUBMIT" for the filing itself (from null). */
  readonly event: string;
  readonly from: string | null;
  readonly to: string;
  /** sha256 of the canonical JSON (keys sorted) of the payload, hex: of the submission for SUBMIT, of null for an event without a payload form; "" in an applicant's view of a step someone else took. */
  readonly payloadHash: string;
  /** On a work-assignment entry (event ASSIGNMENT_EVENTS): who holds the case after it, null when handed back. */
  readonly assignee?: Assignee | null;
  /** Deadlines (ids) whose clocks this step stopped and restarted (see suspensions); absent when none. */
  readonly clocks?: { readonly stopped?: readonly string[]; readonly restarted?: readonly string[] };
}

/** History events of work assignment; they never name a procedure event (those are upper case). */
export const ASSIGNMENT_EVENTS = { take: '@take', release: '@release', assign: '@assign' } as const;

/** Who holds a case (work assignment): a member of a role that takes cases. */
export interface Assignee {
  readonly userId: string;
  /** The user's name as the user directory gave it when the case was taken or assigned. */
  readonly name: string;
}

/**
 * What lists show and search of an application, worked out by the engine whenever it writes one: the
 * applicant as the service's `summary:` names them, and titles from the config version it runs on.
 */
export interface CaseSummary {
  readonly applicantName: string | null;
  readonly applicantIds: readonly { readonly title: string; readonly value: string }[];
  /** Licence numbers the application is about (summary.licence) or issued. */
  readonly licences: readonly string[];
  readonly serviceTitle: string;
  readonly stepTitle: string;
  /** The role responsible for the current step (the state's `role`), or null. */
  readonly stepRole: string | null;
}

/** A phase of the procedure (procedure `phases`) as one application went through it. */
export interface PhaseRecord {
  /** The day the application entered the phase's `from` step. */
  readonly startedOn: IsoDate;
  /** The phase's limit counted from its anchor, moved by any suspension of its deadline; null while the anchor is unknown. */
  readonly due: DueDate | null;
  /** The day the phase closed; null while it is open. */
  readonly closedOn: IsoDate | null;
}

/** A time the clocks of some deadlines stood (a step or an event suspended them). */
export interface SuspensionRecord {
  /** Ids of the deadlines (deadlines.yaml) whose clocks stood. */
  readonly deadlines: readonly string[];
  /** The day the clocks stopped. */
  readonly since: IsoDate;
  /** The latest day they stand (the suspension's `atMost`), or null when the regulation sets no limit. */
  readonly until: IsoDate | null;
  /** The day they ran again; null while they stand. */
  readonly resumedOn: IsoDate | null;
  /** What stopped them: "state:<id>" (a suspending step) or "event:<EVENT>" (a transition's `suspend`). */
  readonly by: string;
  readonly clause: string;
}

export interface DocumentRef {
  readonly id: string;
  readonly template: string;
  readonly title: string;
  readonly createdAt: IsoInstant;
}

export interface StoredDocument extends DocumentRef {
  readonly applicationId: string | null;
  readonly region: string;
  readonly html: string;
}

/** One application as stored. */
export interface ApplicationRecord {
  /** The API id (a UUID). */
  readonly id: string;
  /**
   * The number people read (inbox, pages, documents), from the region's `applicationNumbering`
   * pattern, e.g. "2026-0042": given by the store when the application is received, gap-free per
   * region and year of receipt.
   */
  readonly number: string;
  readonly region: string;
  readonly service: string;
  /** The region config version (content hash) the application started on and keeps running on. */
  readonly configVersion: string;
  readonly applicantId: string;
  readonly receivedAt: IsoInstant;
  readonly registeredOn: IsoDate;
  readonly submission: Record<string, unknown>;
  readonly fee: FeeDue;
  /** Current state id. */
  readonly state: string;
  readonly final: boolean;
  readonly outcome: string | null;
  readonly stepStartedOn: IsoDate;
  readonly stepDue: DueDate | null;
  /** The service's total due date; null when the regulation sets no total. */
  readonly serviceDue: DueDate | null;
  /** The deadline (deadlines.yaml) the service total counts by; absent on records written before it was kept, and when there is no total. */
  readonly serviceDeadline?: string | null;
  /** Phase id -> the phase as this application went through it (procedure `phases`); absent on older records. */
  readonly phases?: Readonly<Record<string, PhaseRecord>>;
  /** Every suspension of deadlines' clocks, oldest first; absent on older records. */
  readonly suspensions?: readonly SuspensionRecord[];
  /** Milestone name -> date it was reached (e.g. registration, decision). */
  readonly milestones: Readonly<Record<string, IsoDate>>;
  /** Event name -> payload the officer sent with it (latest). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Persisted XState snapshot, without its context (`{ status, value }`): submission and data are restored from this record. */
  readonly snapshot: unknown;
  /** Optimistic-lock version: 1 on creation, +1 on every transition. */
  readonly version: number;
  readonly history: readonly HistoryEntry[];
  readonly documents: readonly DocumentRef[];
  /**
   * The applications the application form names (fields of type application), as they were at filing, at
   * the fields' paths: number, service, registration date, outcome, and `earlier`, how many applications
   * of this service the same filer filed before naming the same one (e.g. a second complaint on one
   * case, 5.6-style). Rules read it as `application.references.<section>.<field>.…`. Absent when the form
   * names none.
   */
  readonly references?: Readonly<Record<string, unknown>>;
  /** Licence number this application created or acted on. */
  readonly licence: string | null;
  readonly updatedAt: IsoInstant;
  /** What the inbox shows and searches (engine/inbox/caseSummary.ts); absent on records written before it existed. */
  readonly summary?: CaseSummary;
  /** Who holds the case; absent or null: nobody. */
  readonly assignee?: Assignee | null;
}

/**
 * One inbox row as a store keeps and returns it: what identifies the case and its due dates, never the
 * submission or the history (engine/inbox/caseRow.ts builds it from a record).
 */
export interface CaseRow {
  readonly id: string;
  /** The application's readable number, null until it has one. */
  readonly number: string | null;
  readonly region: string;
  readonly service: string;
  readonly serviceTitle: string;
  readonly state: string;
  readonly stepTitle: string;
  readonly stepRole: string | null;
  readonly final: boolean;
  readonly outcome: string | null;
  readonly applicantId: string;
  readonly applicantName: string | null;
  readonly applicantIds: readonly { readonly title: string; readonly value: string }[];
  readonly licences: readonly string[];
  readonly assignee: Assignee | null;
  readonly receivedAt: IsoInstant;
  readonly stepDue: DueDate | null;
  /** The due date of the procedure phase the step belongs to, when the regulation sets one. */
  readonly phaseDue: DueDate | null;
  readonly serviceDue: DueDate | null;
  readonly version: number;
}

/** Columns an inbox can be sorted by. Nulls sort last going up and first going down; the id breaks ties. */
export const INBOX_SORTS = ['number', 'applicant', 'service', 'step', 'stepDue', 'phaseDue', 'serviceDue', 'receivedAt'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** Counting inbox matches stops here: a larger total is reported as "at least". */
export const INBOX_COUNT_LIMIT = 1000;

export interface InboxQuery {
  readonly region: string;
  /** Only applications at one of these steps (service and state). */
  readonly steps?: readonly { readonly service: string; readonly state: string }[];
  readonly service?: string;
  readonly state?: string;
  readonly final?: boolean;
  /** Only cases held by this user. */
  readonly assignee?: string;
  /** Only applications filed by this user. */
  readonly applicantId?: string;
  /** Only applications whose step is overdue on this date. */
  readonly overdueOn?: IsoDate;
  /** Every word must occur in the number, id, applicant name, identifiers or licence numbers (engine/inbox/searchText.ts). */
  readonly text?: string;
  readonly sort: InboxSort;
  readonly direction: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

export interface InboxPage {
  readonly items: readonly CaseRow[];
  /** Matches counted, at most INBOX_COUNT_LIMIT unless counting was free (then exact). */
  readonly total: number;
  /** false: there are more than `total` matches. */
  readonly totalExact: boolean;
}

/** A change to an application, as stores announce it to every server process (live updates). */
export interface ApplicationChange {
  /** Unique per change; the same in every process that hears it. */
  readonly id: string;
  readonly applicationId: string;
  readonly region: string;
  readonly applicantId: string;
  readonly version: number;
}

/** One application as reports read it: no submission, the history reduced to its moves. */
export interface ReportFact {
  readonly id: string;
  readonly service: string;
  readonly configVersion: string;
  readonly state: string;
  readonly final: boolean;
  readonly outcome: string | null;
  readonly receivedAt: IsoInstant;
  readonly stepDue: DueDate | null;
  readonly assignee: Assignee | null;
  /** Every change of step: when, from where to where (assignment entries left out). */
  readonly moves: readonly { readonly at: IsoInstant; readonly from: string | null; readonly to: string }[];
}

export interface LicenceRecord {
  readonly number: string;
  readonly region: string;
  readonly status: 'active' | 'terminated';
  readonly issuedOn: IsoDate;
  readonly terminatedOn: IsoDate | null;
  /** Registry attribute id -> value (registry.yaml). */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Application ids that created or changed the licence, oldest first. */
  readonly applications: readonly string[];
  readonly version: number;
  readonly updatedAt: IsoInstant;
}

export interface ApplicationQuery {
  readonly region: string;
  readonly service?: string;
  readonly state?: string;
  readonly applicantId?: string;
  readonly final?: boolean;
  /** Only applications whose step is overdue on this date. */
  readonly overdueOn?: IsoDate;
  readonly limit: number;
  readonly offset: number;
}

export interface LicenceQuery {
  readonly region: string;
  readonly number?: string;
  readonly status?: 'active' | 'terminated';
  /** Matches any searchable attribute exactly (e.g. ИНН, ОГРН). */
  readonly attribute?: { readonly id: string; readonly value: string };
  /** Every word must occur (case- and ё/е-insensitive) in the number or a searchable attribute (name, ИНН, ОГРН, address). */
  readonly text?: string;
  /** Ids of the attributes `text` searches (registry.yaml `searchable: true`); set by the engine. */
  readonly textAttributes?: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** An uploaded file (an attachment), as recorded when it was received. */
export interface UploadRecord {
  readonly id: string;
  /** User id of the uploader: the only one who may read it until an application is filed with it. */
  readonly owner: string;
  readonly region: string;
  readonly service: string;
  /** The form whose field it was uploaded for: the service's application form, or an event's task form. */
  readonly form: string;
  /** Dotted data path of the form field it was uploaded for, e.g. "staff.employees.0.documents". */
  readonly field: string;
  /** File name as sent. */
  readonly name: string;
  /** Media type sniffed from the content. */
  readonly type: string;
  readonly size: number;
  /** SHA-256 of the content, hex. */
  readonly sha256: string;
  readonly createdAt: IsoInstant;
  /** The application it was filed with (kept as long as the application); null until then. */
  readonly applicationId: string | null;
}

/** A message in an applicant's account (the notification list of the web UI): a document delivered to them. */
export interface NotificationRecord {
  readonly id: string;
  /** The user it is for: the application's applicant. */
  readonly userId: string;
  readonly region: string;
  readonly applicationId: string;
  /** The application's number, as people read it. */
  readonly number: string;
  readonly title: string;
  readonly text: string;
  /** Documents it delivers (StoredDocument ids). */
  readonly documentIds: readonly string[];
  readonly createdAt: IsoInstant;
  readonly read: boolean;
}

/**
 * A message to send outside the system, kept in the store's outbox: written in the same write as the
 * step that produced it, so it is neither lost nor sent for a step that did not happen. E-mails are
 * sent (and retried) by the server's mailer; paper copies are tasks for the region's staff.
 */
export interface DeliveryRecord {
  readonly id: string;
  readonly region: string;
  readonly applicationId: string;
  readonly number: string;
  readonly channel: 'email' | 'paper';
  /** The e-mail address, or the postal address of a paper copy (null: handed over in person). */
  readonly to: string | null;
  readonly subject: string;
  readonly text: string;
  readonly documentIds: readonly string[];
  readonly createdAt: IsoInstant;
  /** pending: to send (email) or to do (paper); sent: accepted by the mail server; done: a paper copy sent by staff; failed: given up after the last attempt. */
  readonly status: 'pending' | 'sent' | 'done' | 'failed';
  readonly attempts: number;
  /** When the next attempt may be made (email). */
  readonly nextAttemptAt: IsoInstant;
  readonly lastError: string | null;
  readonly finishedAt: IsoInstant | null;
  /** Who marked a paper copy done. */
  readonly finishedBy: string | null;
}

/** An upload being received: write the content to `out`, then commit its record or abort. */
export interface UploadWriter {
  readonly out: import('node:stream').Writable;
  /** Keeps the upload once `out` has finished: durable when it resolves. `record.id` must be the writer's. */
  commit(record: UploadRecord): Promise<void>;
  /** Drops what was received (a refused or broken upload); nothing of it remains. */
  abort(): Promise<void>;
}

/** The file field an upload is for (EngineApi.uploadTarget). */
export interface UploadTarget {
  readonly region: string;
  readonly service: string;
  readonly form: string;
  readonly fieldPath: string;
  readonly field: import('../config/types/generated.ts').Field;
}

/** An applicant's unfinished application form, saved as they type. */
export interface DraftRecord {
  readonly id: string;
  readonly region: string;
  readonly service: string;
  readonly applicantId: string;
  /** The form data as far as it is filled in (not validated). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Ids of the uploads the data refers to: kept as long as the draft. */
  readonly attachments: readonly string[];
  readonly createdAt: IsoInstant;
  readonly updatedAt: IsoInstant;
  /** Optimistic-lock version: 1 on creation, +1 on every save. */
  readonly version: number;
}

/**
 * Persistence. Implementations: engine/store/memoryStore.ts, engine/store/lowdbStore.ts (later PostgreSQL);
 * one contract suite (test/store/storeContract.ts) runs against each.
 */
/**
 * Whether a store takes writes. A store that stopped taking them (after a write it could not make
 * durable, or once closed) says why in a sentence for operators, without paths or credentials; the
 * failure itself, for the log, is `cause`.
 */
export type StoreHealth = { readonly writable: true } | { readonly writable: false; readonly reason: string; readonly cause?: unknown };

export interface Store {
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * Whether the store still takes writes, known without I/O (/readyz asks it on every probe). Whether
   * a database answers is not part of it: the probe's own read tells that.
   */
  health(): StoreHealth;
  /**
   * Numbers and writes a new application (version 1) with its documents and registry changes, all at
   * once: takes the next sequence number of `counter` (1, 2, ... per region and year), calls `build`
   * with it and writes what it returns. A write that fails (an id already stored is a
   * VersionConflictError) uses up no number, so the numbers of stored applications have no gaps.
   * Returns the application as stored.
   */
  createApplication(app: NewApplication): Promise<ApplicationRecord>;
  getApplication(id: string): Promise<ApplicationRecord | undefined>;
  /**
   * Replaces the application (whose version must be expectedVersion + 1) if its stored version equals
   * `expectedVersion`, else throws VersionConflictError. Each licence in `effects` must be new (version 1,
   * number unused) or exactly one version ahead of the stored one, else VersionConflictError naming the
   * licence; on any conflict nothing at all is written.
   */
  updateApplication(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void>;
  /** Inbox order: overdue first, then by step due date, then by received time. */
  listApplications(query: ApplicationQuery): Promise<Page<ApplicationRecord>>;
  getLicence(region: string, number: string): Promise<LicenceRecord | undefined>;
  searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>>;
  /** Next licence sequence number of a region (1, 2, ...), never repeated. */
  nextLicenceSeq(region: string): Promise<number>;
  getDocument(id: string): Promise<StoredDocument | undefined>;
  /** Starts receiving the content of a new upload `id` (a fresh UUID). */
  beginUpload(id: string): Promise<UploadWriter>;
  getUpload(id: string): Promise<UploadRecord | undefined>;
  /** The content of an upload, streamed; undefined when there is no such upload. */
  openUpload(id: string): Promise<import('node:stream').Readable | undefined>;
  /**
   * Removes drafts last changed before `draftsBefore`, then uploads made before `uploadsBefore` that
   * no application was filed with and no remaining draft refers to (and leftovers of uploads a crash
   * interrupted). Returns how many of each went.
   */
  sweep(cutoffs: { readonly uploadsBefore: Date; readonly draftsBefore: Date }): Promise<{ readonly uploads: number; readonly drafts: number }>;
  /** Writes a draft whose stored version is `expectedVersion` (0 for a new one), else VersionConflictError. */
  saveDraft(draft: DraftRecord, expectedVersion: number): Promise<void>;
  getDraft(id: string): Promise<DraftRecord | undefined>;
  /** An applicant's drafts in a region, last changed first. */
  listDrafts(region: string, applicantId: string): Promise<readonly DraftRecord[]>;
  /** Removes a draft (after filing it, or when its applicant discards it); its uploads are then swept unless filed. */
  deleteDraft(id: string): Promise<void>;
  /** A user's notifications, newest first (at most `limit`), and how many of all of them are unread. */
  listNotifications(userId: string, limit: number): Promise<{ readonly items: readonly NotificationRecord[]; readonly unread: number }>;
  /** Marks a user's notifications read: the given ids, or all of them. */
  markNotificationsRead(userId: string, ids: readonly string[] | 'all'): Promise<void>;
  /**
   * Takes up to `limit` pending deliveries of `channel` whose next attempt is due at `now` and that no
   * other sender holds, oldest first, and holds them until now + leaseMs: another process asking meanwhile
   * does not get them. The taker reports each outcome with updateDelivery.
   */
  claimDeliveries(channel: 'email', now: Date, limit: number, leaseMs: number): Promise<readonly DeliveryRecord[]>;
  /** Replaces a delivery's record (an attempt's outcome, a paper copy done); a sent, done or failed one is final and never changes. */
  updateDelivery(delivery: DeliveryRecord): Promise<void>;
  getDelivery(applicationId: string, id: string): Promise<DeliveryRecord | undefined>;
  /** An application's deliveries, oldest first; or a region's pending ones of a channel (the staff's paper copies to do). */
  listDeliveries(query: { readonly applicationId: string } | { readonly region: string; readonly channel: 'email' | 'paper'; readonly status: 'pending' }): Promise<readonly DeliveryRecord[]>;
  /**
   * A page of inbox rows (CaseRow, never whole records), filtered, sorted and counted in time that does
   * not grow with the number of stored applications (at most INBOX_COUNT_LIMIT matches are counted).
   */
  listInbox(query: InboxQuery): Promise<InboxPage>;
  /**
   * Calls `listener` after every acknowledged create or update, in every process sharing the store
   * (PostgreSQL: LISTEN/NOTIFY). Resolves once listening; the returned function stops it.
   */
  watch(listener: (change: ApplicationChange) => void): Promise<() => Promise<void>>;
  /** Every application of a region, as reports read it (reads the whole region: not for a request path that must stay flat). */
  reportFacts(region: string): Promise<readonly ReportFact[]>;
  /** Keeps the files of a config version so applications pinned to it can be reloaded. */
  saveConfigVersion(region: string, version: string, files: Readonly<Record<string, string>>): Promise<void>;
  getConfigVersion(region: string, version: string): Promise<Readonly<Record<string, string>> | undefined>;

  /**
   * Ends a signed-in session before its time (logout): remembered until `until`, when its tokens would
   * have expired anyway. Revoking a session already revoked keeps the later end.
   */
  revokeSession(session: RevokedSession): Promise<void>;
  /** Sessions revoked whose end is after `now`, in any order; ended ones may be forgotten. */
  revokedSessions(now: IsoInstant): Promise<readonly RevokedSession[]>;

  /**
   * The response kept for a client's idempotency key, if it has not expired by `now`. Keys are kept
   * with the write they answered (createApplication's `idempotency`, StoreEffects' `idempotency`): a
   * write that names a key still kept throws IdempotencyConflictError with it and writes nothing.
   */
  getIdempotency(owner: string, key: string, now: IsoInstant): Promise<IdempotencyRecord | undefined>;

  /**
   * The read audit, kept apart from the applications and append-only: records that someone opened
   * an application, a document or an attachment. Resolves once they are stored durably.
   */
  appendReads(reads: readonly ReadRecord[]): Promise<void>;
  /** Reads of a region, newest first, filtered by the query. */
  listReads(query: ReadQuery): Promise<Page<ReadRecord>>;
  /** Drops the reads recorded before `before` (the retention period); returns how many went. Nothing else is ever removed or changed. */
  pruneReads(before: IsoInstant): Promise<number>;
}

/** One opening of an application, a document or an attachment, for the read audit. */
export interface ReadRecord {
  /** When it was opened (server clock). */
  readonly at: IsoInstant;
  /** The region the thing belongs to. */
  readonly region: string;
  /** Who opened it, with the roles they held. */
  readonly userId: string;
  readonly roles: readonly string[];
  readonly kind: 'application' | 'document' | 'attachment';
  /** The id of what was opened. */
  readonly id: string;
  /** The application it belongs to (for an application, its own id); null for an attachment not yet filed. */
  readonly applicationId: string | null;
  /** How it was opened: the API operation (getApplication, inbox, getDocument, ...). */
  readonly action: string;
  /** The request id the server log carries for it. */
  readonly requestId: string;
}

export interface ReadQuery {
  readonly region: string;
  readonly applicationId?: string;
  readonly userId?: string;
  /** Only reads at or after this instant... */
  readonly from?: IsoInstant;
  /** ...and before this one. */
  readonly to?: IsoInstant;
  readonly limit: number;
  readonly offset: number;
}

/** A client's idempotency key, claimed by the write that answers it. */
export interface IdempotencyClaim {
  /** Whose key it is (the user id): keys of different users never meet. */
  readonly owner: string;
  /** The Idempotency-Key header as sent. */
  readonly key: string;
  /** sha256 of the request (method, path, body): the same key with another request is refused. */
  readonly fingerprint: string;
  readonly createdAt: IsoInstant;
  /** Until when the key is kept: a repeat after it is a new request. */
  readonly expiresAt: IsoInstant;
}

/** The answer the first request with a key got, to give again to its repeats. */
export interface StoredResponse {
  readonly status: number;
  /** The JSON body, as sent. */
  readonly body: string;
  /** The Location header, if there was one. */
  readonly location?: string;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  readonly response: StoredResponse;
}

/** A session ended by its user (logout): every token of it is refused until `until`. */
export interface RevokedSession {
  /** The session id the tokens carry (claim `sid`). */
  readonly id: string;
  /** When the session would have ended by itself; after that it need not be remembered. */
  readonly until: IsoInstant;
}

/** A new application to number and write (Store.createApplication). */
export interface NewApplication {
  readonly id: string;
  /** The users `build` may write notifications for (none for most filings); a store may lock their lists. */
  readonly notifies: readonly string[];
  /** The counter its number comes from: one per region and year of receipt. */
  readonly counter: { readonly region: string; readonly year: number };
  /** Licences written with it (they do not depend on the number). */
  readonly licences: readonly LicenceRecord[];
  /** Ids of the uploads filed with it (StoreEffects.attachments). */
  readonly attachments?: readonly string[];
  /** The client's idempotency key this filing answers, kept with it; `build` then gives the response too. */
  readonly idempotency?: IdempotencyClaim;
  /**
   * The record, its `number` formed from `seq`, and the documents rendered with it (and, with
   * `idempotency`, the response to keep). Called synchronously inside the store's write, so it must
   * be quick and pure (a retry may call it again).
   */
  build(seq: number): {
    readonly application: ApplicationRecord;
    readonly documents: readonly StoredDocument[];
    /** Told about the documents, which print the number (StoreEffects.notifications and deliveries). */
    readonly notifications?: readonly NotificationRecord[];
    readonly deliveries?: readonly DeliveryRecord[];
    readonly response?: StoredResponse;
  };
}

/** Writes that must land together with an application change. */
export interface StoreEffects {
  readonly documents: readonly StoredDocument[];
  readonly licences: readonly LicenceRecord[];
  /**
   * Ids of uploads the change files (the submission's, or a task form's attachments): recorded as
   * the application's, so they are kept with it and its readers may read them. Each must exist and
   * not belong to another application, else AttachmentError and nothing is written.
   */
  readonly attachments?: readonly string[];
  /** Messages to the applicant's account written with the change. */
  readonly notifications?: readonly NotificationRecord[];
  /** Outbox messages (e-mails, paper copies) written with the change. */
  readonly deliveries?: readonly DeliveryRecord[];
  /** The client's idempotency key this change answers, with the response to give its repeats. */
  readonly idempotency?: IdempotencyRecord;
}

/** An open phase as the API shows it. */
export interface PhaseView {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly startedOn: IsoDate;
  readonly due: DueDate | null;
  /** The day after the due date has begun (region time), and the phase's clock is not stopped. */
  readonly overdue: boolean;
  /** The day its clock stopped, while it stands. */
  readonly suspendedSince: IsoDate | null;
}

/** Clocks that stand now («срок приостановлен с …»). */
export interface SuspendedView {
  readonly since: IsoDate;
  /** The latest day they stand, or null. */
  readonly until: IsoDate | null;
  readonly deadlines: readonly { readonly id: string; readonly title: string }[];
  readonly clause: string;
}

/** What the API shows of an application: the record plus what the caller may do now. */
export interface ApplicationView {
  readonly application: ApplicationRecord;
  /** Title of the current step and its responsible role; overdue once the day after the step's due date has begun (region time), unless the step's clock stands. */
  readonly step: { readonly id: string; readonly title: string; readonly role: string | null; readonly overdue: boolean };
  /** The phases open now, in the procedure's order. */
  readonly phases: readonly PhaseView[];
  /** The clocks that stand now, or null. */
  readonly suspended: SuspendedView | null;
  /** Events the given actor may send now (the step accepts them, the actor's role may send them and the procedure would take them), with the task form each needs. */
  readonly allowedEvents: readonly AllowedEvent[];
  /** Events the actor's role may send at this step that would be refused now, with the reason (the procedure's `otherwise`, or another official holding the case). */
  readonly unavailableEvents: readonly UnavailableEvent[];
}

/** An action offered on an application. */
export interface AllowedEvent {
  readonly event: string;
  readonly title: string;
  /** The task form it carries (forms/<id>.yaml), or null. */
  readonly payloadForm: string | null;
}

/** An action the actor's role has at this step but cannot take now, and why. */
export interface UnavailableEvent {
  readonly event: string;
  readonly title: string;
  /** Why, in Russian: the regulation's reason (`otherwise`) or who holds the case. */
  readonly reason: string;
  /** The clause the reason cites, or null. */
  readonly clause: string | null;
}

/** What a filing or a step may carry besides its data. */
export interface WriteOptions {
  /**
   * The client's idempotency key: kept with the write, with the response `respond` makes from the
   * application as the caller then sees it. A key already kept makes the write fail with
   * IdempotencyConflictError (nothing written) carrying the first response.
   */
  readonly idempotency?: IdempotencyClaim & { respond(view: ApplicationView): StoredResponse };
  /** startApplication: the actor's draft the application was filled in as, removed once it is filed. */
  readonly draftId?: string;
}

/** Field error by JSON path, with a Russian message (422 body). */
export interface FieldError {
  /** Dotted path into the data, e.g. "applicant.inn" or "addresses.0.address". */
  readonly path: string;
  readonly message: string;
  readonly keyword: string;
}

export type { RegionConfig };

/** A form compiled for react-jsonschema-form and for server-side validation. */
export interface CompiledForm {
  readonly id: string;
  readonly title: string;
  /** JSON Schema 2020-12 of the data (sections are top-level properties). */
  readonly schema: Record<string, unknown>;
  /** rjsf uiSchema (order, widgets, help). */
  readonly uiSchema: Record<string, unknown>;
  /** Rule id -> JSON Logic, for every visibleWhen the form uses, so the browser applies the same conditions. */
  readonly rules: Readonly<Record<string, unknown>>;
  /** Section/field path -> rule id that shows it, e.g. { "equipment": "needsAssessment" }. */
  readonly conditions: Readonly<Record<string, string>>;
}

/** What an applicant is told before submitting. */
export interface Quote {
  /** The local day the application arrived. */
  readonly receivedOn: IsoDate;
  readonly registeredOn: IsoDate;
  readonly fee: FeeDue;
  /** The service's total due date; null when the regulation sets no total. */
  readonly serviceDue: DueDate | null;
  /** What the total counts from ("receipt", "registration", a date field), or null without a total. */
  readonly serviceDueFrom: string | null;
}

/** What the staff inbox asks for: a view, filters, search, sort and page. */
export interface InboxRequest {
  readonly region: string;
  /**
   * "role": open cases at the steps the caller's roles act on (the head: what needs signing);
   * "mine": those of them the caller holds («Мои задачи»); "all": every case of the region (`final` narrows it).
   */
  readonly view: 'role' | 'mine' | 'all';
  readonly service?: string;
  readonly state?: string;
  readonly final?: boolean;
  /** Only cases whose step is overdue today (region time). */
  readonly overdue?: boolean;
  readonly text?: string;
  readonly sort: InboxSort;
  readonly direction: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

/**
 * The facade the server and CLI use (implemented by engine/Engine.ts).
 * Every method that takes an actor enforces role and region: what the actor may not see is a NotFoundError.
 */
export interface EngineApi {
  regions(): readonly RegionConfig[];
  region(id: string): RegionConfig | undefined;
  compiledForm(regionId: string, formId: string): CompiledForm;
  quote(regionId: string, serviceId: string, submission: unknown, receivedAt: Date): Quote;
  /** Files an application (options.draftId: the actor's draft it was filled in as, removed once filed). */
  startApplication(regionId: string, serviceId: string, submission: unknown, actor: Actor, receivedAt?: Date, options?: WriteOptions): Promise<ApplicationView>;
  send(applicationId: string, event: string, payload: unknown, actor: Actor, expectedVersion?: number, options?: WriteOptions): Promise<ApplicationView>;
  /** The response kept for `owner`'s idempotency key, unless it has expired (engine clock). */
  idempotency(owner: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Adds to the read audit (the server calls it before it sends what was opened). */
  recordReads(reads: readonly ReadRecord[]): Promise<void>;
  /** The read audit of a region, for a holder of one of its roles marked `audit: true` (others: ForbiddenError). */
  reads(actor: Actor, query: ReadQuery): Promise<Page<ReadRecord>>;
  uploadTarget(target: { readonly region: string; readonly service: string } | { readonly application: string; readonly event: string }, fieldPath: string, actor: Actor): Promise<UploadTarget>;
  beginUpload(id: string): Promise<UploadWriter>;
  upload(id: string, actor: Actor): Promise<{ readonly record: UploadRecord; readonly content: import('node:stream').Readable }>;
  notifications(actor: Actor, limit: number): Promise<{ readonly items: readonly NotificationRecord[]; readonly unread: number }>;
  markNotificationsRead(actor: Actor, ids: readonly string[] | 'all'): Promise<void>;
  deliveries(applicationId: string, actor: Actor): Promise<readonly DeliveryRecord[]>;
  paperTasks(regionId: string, actor: Actor): Promise<readonly DeliveryRecord[]>;
  completePaperDelivery(applicationId: string, deliveryId: string, actor: Actor): Promise<DeliveryRecord>;
  drafts(regionId: string, actor: Actor): Promise<readonly DraftRecord[]>;
  draft(id: string, actor: Actor): Promise<DraftRecord>;
  saveDraft(regionId: string, serviceId: string, input: { readonly id?: string; readonly data: unknown; readonly version: number }, actor: Actor): Promise<DraftRecord>;
  deleteDraft(id: string, actor: Actor): Promise<void>;
  view(applicationId: string, actor: Actor): Promise<ApplicationView>;
  inbox(actor: Actor, query: Omit<ApplicationQuery, 'region'> & { region: string }): Promise<Page<ApplicationView>>;
  /** The staff inbox as rows (no submission, no history), due dates judged today. */
  inboxRows(actor: Actor, request: InboxRequest): Promise<{ readonly items: readonly InboxRow[]; readonly total: number; readonly totalExact: boolean }>;
  /**
   * Changes who holds a case: "take" (a takesCases role, the case held by nobody), "release" (its holder,
   * or an assignsCases role), "assign" to `assignee` (an assignsCases role; the caller has checked that
   * the assignee holds a takesCases role of the region). 409 on a stale version.
   */
  assign(applicationId: string, actor: Actor, action: AssignmentAction, assignee: Assignee | null, expectedVersion: number): Promise<ApplicationView>;
  /** The region's reports, for roles marked `reports: true`. */
  reports(actor: Actor, region: string): Promise<Reports>;
  /** Every acknowledged change of an application, in this and every other process on the same store. */
  watch(listener: (change: ApplicationChange) => void): Promise<() => Promise<void>>;
  document(id: string, actor: Actor | null): Promise<StoredDocument>;
  searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>>;
  licence(region: string, number: string): Promise<LicenceRecord>;
  /** Renders the registry extract of a licence with the region's extract template. */
  licenceExtract(region: string, number: string): Promise<string>;
}
