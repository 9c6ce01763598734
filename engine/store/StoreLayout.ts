import { join, sep } from 'node:path';
import { safeFileName } from './safeFileName.ts';

/**
 * Where the file store keeps each thing under its data directory:
 *
 *   applications/<id>.json              one file per application (the whole record)
 *   licences/<region>/<number>.json     one file per licence
 *   documents/<id>.json                 one file per rendered document
 *   config-versions/<region>/<version>.json   the files of each config version applications run on
 *   sequences/<region>.json             the region's last licence sequence number
 *   uploads/<id>.json                   the record of an upload not yet filed (<id>.bin.part while it arrives)
 *   attachments/<id>.bin                an upload's content, from the moment it is whole
 *   attachments/<id>.json               the record of an upload filed with an application
 *   drafts/<id>.json                    an applicant's draft
 *   notifications/<user>.json           a user's notifications, newest first ({ userId, version, items })
 *   outbox/<id>.json                    a delivery still to make (e-mail to send, paper copy to do)
 *   outbox-done/<application>/<id>.json a delivery made (or given up), moved from outbox/
 *   counters/<region>.<year>.json       the last application number of a region in a year ({ region, year, seq })
 *   index/applications.jsonl            index of applications: lines appended at checkpoints, an id's highest version wins
 *   index/licences.jsonl                index of licences, likewise
 *   wal/<n>.jsonl                       write-ahead log: every write since the last checkpoint, replayed at start
 *   journal/<n>.json                    (earlier versions) a write in progress; replayed at start if present
 *   sessions/revoked.json               sessions ended by logout, until they would have expired
 *   idempotency/<expires>-<hash>.json   a client's idempotency key with the response it got, kept until <expires> (ms);
 *                                       <hash> is the sha256 of its owner and key
 *   audit/<YYYY-MM-DD>.jsonl            the read audit: who opened which application, document or attachment, by day
 */
export class StoreLayout {
  readonly dir: string;
  readonly applications: () => string;
  readonly documents: () => string;
  readonly configVersionsRoot: () => string;
  readonly sequences: () => string;
  readonly counters: () => string;
  readonly uploads: () => string;
  readonly attachments: () => string;
  readonly drafts: () => string;
  readonly notifications: () => string;
  readonly outbox: () => string;
  readonly index: () => string;
  readonly journal: () => string;
  readonly wal: () => string;
  readonly sessions: () => string;
  readonly idempotencyDir: () => string;
  readonly audit: () => string;

  constructor(dir: string) {
    this.dir = dir;
    // Joined once: paths in them are built several times per write.
    this.applications = fixed(join(dir, 'applications'));
    this.documents = fixed(join(dir, 'documents'));
    this.configVersionsRoot = fixed(join(dir, 'config-versions'));
    this.sequences = fixed(join(dir, 'sequences'));
    this.counters = fixed(join(dir, 'counters'));
    this.uploads = fixed(join(dir, 'uploads'));
    this.attachments = fixed(join(dir, 'attachments'));
    this.drafts = fixed(join(dir, 'drafts'));
    this.notifications = fixed(join(dir, 'notifications'));
    this.outbox = fixed(join(dir, 'outbox'));
    this.index = fixed(join(dir, 'index'));
    this.journal = fixed(join(dir, 'journal'));
    this.wal = fixed(join(dir, 'wal'));
    this.sessions = fixed(join(dir, 'sessions'));
    this.idempotencyDir = fixed(join(dir, 'idempotency'));
    this.audit = fixed(join(dir, 'audit'));
  }

  readonly licences = (region?: string) => (region === undefined ? join(this.dir, 'licences') : join(this.dir, 'licences', safeFileName(region)));
  readonly configVersions = (region: string) => join(this.configVersionsRoot(), safeFileName(region));
  readonly outboxDone = (applicationId?: string) => (applicationId === undefined ? join(this.dir, 'outbox-done') : join(this.dir, 'outbox-done', safeFileName(applicationId)));
  readonly revokedSessions = () => join(this.sessions(), 'revoked.json');

  application(id: string): string {
    return under(this.applications(), `${safeFileName(id)}.json`);
  }
  licence(region: string, number: string): string {
    return under(this.licences(region), `${safeFileName(number)}.json`);
  }
  document(id: string): string {
    return under(this.documents(), `${safeFileName(id)}.json`);
  }
  configVersion(region: string, version: string): string {
    return under(this.configVersions(region), `${safeFileName(version)}.json`);
  }
  sequence(region: string): string {
    return under(this.sequences(), `${safeFileName(region)}.json`);
  }
  counter(region: string, year: number): string {
    return under(this.counters(), `${safeFileName(region)}.${year}.json`);
  }
  upload(id: string, kind: 'bin' | 'json'): string {
    return under(this.uploads(), `${safeFileName(id)}.${kind}`);
  }
  attachment(id: string, kind: 'bin' | 'json'): string {
    return under(this.attachments(), `${safeFileName(id)}.${kind}`);
  }
  draft(id: string): string {
    return under(this.drafts(), `${safeFileName(id)}.json`);
  }
  notificationList(userId: string): string {
    return under(this.notifications(), `${safeFileName(userId)}.json`);
  }
  delivery(id: string): string {
    return under(this.outbox(), `${safeFileName(id)}.json`);
  }
  deliveryDone(applicationId: string, id: string): string {
    return under(this.outboxDone(applicationId), `${safeFileName(id)}.json`);
  }
  applicationIndex(): string {
    return under(this.index(), 'applications.jsonl');
  }
  licenceIndex(): string {
    return under(this.index(), 'licences.jsonl');
  }
  idempotency(hash: string, expiresAtMs: number): string {
    return under(this.idempotencyDir(), `${expiresAtMs}-${hash}.json`);
  }
  /** The expiry and hash of an idempotency file name, or null for any other name. */
  idempotencyName(name: string): { expiresAtMs: number; hash: string } | null {
    const match = /^(\d{1,16})-([0-9a-f]{64})\.json$/.exec(name);
    return match ? { expiresAtMs: Number(match[1]), hash: match[2] } : null;
  }
  /** Log files are numbered from 1; the zero padding makes names sort in number order. */
  walFile(number: number): string {
    return under(this.wal(), `${String(number).padStart(12, '0')}.jsonl`);
  }
  /** The number of a log file name, or null for any other name. */
  walNumber(name: string): number | null {
    const match = /^(\d{12})\.jsonl$/.exec(name);
    return match ? Number(match[1]) : null;
  }
}

const fixed = (path: string) => () => path;

/**
 * A file in a directory of the layout: the directory is already a joined path and the name a single
 * safe segment, so concatenation gives what join would, without normalising the whole path again
 * (paths are built several times per write).
 */
function under(dir: string, name: string): string {
  return `${dir}${sep}${name}`;
}
