import { join } from 'node:path';
import { safeFileName } from './safeFileName.ts';

/**
 * Where the file store keeps each thing under its data directory:
 *
 *   applications/<id>.json              one file per application (the whole record)
 *   licences/<region>/<number>.json     one file per licence
 *   documents/<id>.json                 one file per rendered document
 *   config-versions/<region>/<version>.json   the files of each config version applications run on
 *   sequences/<region>.json             the region's last licence sequence number
 *   uploads/<id>.bin, <id>.json         an upload not yet filed: its content and its record
 *   attachments/<id>.bin, <id>.json     an upload filed with an application (moved from uploads/)
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
  constructor(readonly dir: string) {}

  readonly applications = () => join(this.dir, 'applications');
  readonly licences = (region?: string) => (region === undefined ? join(this.dir, 'licences') : join(this.dir, 'licences', safeFileName(region)));
  readonly documents = () => join(this.dir, 'documents');
  readonly configVersionsRoot = () => join(this.dir, 'config-versions');
  readonly configVersions = (region: string) => join(this.configVersionsRoot(), safeFileName(region));
  readonly sequences = () => join(this.dir, 'sequences');
  readonly counters = () => join(this.dir, 'counters');
  readonly uploads = () => join(this.dir, 'uploads');
  readonly attachments = () => join(this.dir, 'attachments');
  readonly drafts = () => join(this.dir, 'drafts');
  readonly notifications = () => join(this.dir, 'notifications');
  readonly outbox = () => join(this.dir, 'outbox');
  readonly outboxDone = (applicationId?: string) => (applicationId === undefined ? join(this.dir, 'outbox-done') : join(this.dir, 'outbox-done', safeFileName(applicationId)));
  readonly index = () => join(this.dir, 'index');
  readonly journal = () => join(this.dir, 'journal');
  readonly wal = () => join(this.dir, 'wal');
  readonly sessions = () => join(this.dir, 'sessions');
  readonly idempotencyDir = () => join(this.dir, 'idempotency');
  readonly audit = () => join(this.dir, 'audit');
  readonly revokedSessions = () => join(this.sessions(), 'revoked.json');

  application(id: string): string {
    return join(this.applications(), `${safeFileName(id)}.json`);
  }
  licence(region: string, number: string): string {
    return join(this.licences(region), `${safeFileName(number)}.json`);
  }
  document(id: string): string {
    return join(this.documents(), `${safeFileName(id)}.json`);
  }
  configVersion(region: string, version: string): string {
    return join(this.configVersions(region), `${safeFileName(version)}.json`);
  }
  sequence(region: string): string {
    return join(this.sequences(), `${safeFileName(region)}.json`);
  }
  counter(region: string, year: number): string {
    return join(this.counters(), `${safeFileName(region)}.${year}.json`);
  }
  upload(id: string, kind: 'bin' | 'json'): string {
    return join(this.uploads(), `${safeFileName(id)}.${kind}`);
  }
  attachment(id: string, kind: 'bin' | 'json'): string {
    return join(this.attachments(), `${safeFileName(id)}.${kind}`);
  }
  draft(id: string): string {
    return join(this.drafts(), `${safeFileName(id)}.json`);
  }
  notificationList(userId: string): string {
    return join(this.notifications(), `${safeFileName(userId)}.json`);
  }
  delivery(id: string): string {
    return join(this.outbox(), `${safeFileName(id)}.json`);
  }
  deliveryDone(applicationId: string, id: string): string {
    return join(this.outboxDone(applicationId), `${safeFileName(id)}.json`);
  }
  applicationIndex(): string {
    return join(this.index(), 'applications.jsonl');
  }
  licenceIndex(): string {
    return join(this.index(), 'licences.jsonl');
  }
  idempotency(hash: string, expiresAtMs: number): string {
    return join(this.idempotencyDir(), `${expiresAtMs}-${hash}.json`);
  }
  /** The expiry and hash of an idempotency file name, or null for any other name. */
  idempotencyName(name: string): { expiresAtMs: number; hash: string } | null {
    const match = /^(\d{1,16})-([0-9a-f]{64})\.json$/.exec(name);
    return match ? { expiresAtMs: Number(match[1]), hash: match[2] } : null;
  }
  /** Log files are numbered from 1; the zero padding makes names sort in number order. */
  walFile(number: number): string {
    return join(this.wal(), `${String(number).padStart(12, '0')}.jsonl`);
  }
  /** The number of a log file name, or null for any other name. */
  walNumber(name: string): number | null {
    const match = /^(\d{12})\.jsonl$/.exec(name);
    return match ? Number(match[1]) : null;
  }
}
