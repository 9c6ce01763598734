import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import pg, { type PoolClient } from 'pg';
import { INBOX_COUNT_LIMIT } from '../api.ts';
import type {
  ApplicationChange,
  ApplicationQuery,
  CaseRow,
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
import { AttachmentError, IdempotencyConflictError, TransitionError, VersionConflictError } from '../errors.ts';
import { caseRowOf, caseSearchText } from '../inbox/caseRow.ts';
import { searchTextOf } from '../inbox/searchText.ts';
import { changeOf } from './ChangeFeed.ts';
import { recordOf } from './idempotencyRecords.ts';
import { sortKeysOf } from './inbox/sortKeys.ts';
import { PgUploads } from './PgUploads.ts';
import { inboxSql } from './pgInboxSql.ts';
import { migrate, quoteIdentifier, readMigrations } from './pgMigrations.ts';
import { applicationListSql, licenceSearchSql, pageBounds, type Sql } from './pgQueries.ts';
import { reportFactOf } from './reportFactOf.ts';
import { decodeJson, decodeText, encodeJson, encodeText as t } from './pgText.ts';

/** A pool (one statement, its own transaction) or a client inside a transaction. */
type Queryable = Pick<pg.Pool, 'query'> | PoolClient;

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database (the DATABASE_URL setting). */
  readonly connectionString: string;
  /** Schema that holds the tables, created at init if missing. Default "reglament". */
  readonly schema?: string;
  /** Connections per process. Default 10. */
  readonly maxConnections?: number;
  /** Called when an idle pooled connection fails (e.g. the database restarted); default ignores it. */
  readonly onError?: (error: Error) => void;
}

/**
 * The PostgreSQL Store, for running several server processes against one database.
 *
 * Each application, licence, document and config version is one row; the columns hold what queries
 * filter and sort on, and a jsonb `record` holds the whole record, which is all that is read back.
 * A create or update is one transaction: the application row is inserted (or updated only if its
 * version is still the expected one, so a concurrent writer's change is never overwritten), then its
 * licences (each new, or exactly one version ahead) and documents are written; any conflict rolls
 * the whole write back and surfaces as a VersionConflictError carrying the version actually stored.
 * Strings are stored through pgText's escape, so a record the engine accepts is always storable.
 */
export class PgStore implements Store {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  /** Schema-qualified table names: no reliance on the connection's search_path (poolers may reset it). */
  readonly #t: Readonly<
    Record<
      'applications' | 'licences' | 'sequences' | 'counters' | 'documents' | 'configs' | 'uploads' | 'chunks' | 'drafts' | 'notifications' | 'outbox' | 'revokedSessions' | 'idempotency' | 'reads',
      string
    >
  >;
  readonly #uploads: PgUploads;
  #closed: Promise<void> | undefined;
  /** The NOTIFY channel of this schema's changes. */
  readonly #channel: string;
  readonly #connectionString: string;
  readonly #onError: (error: Error) => void;
  readonly #listeners = new Set<(change: ApplicationChange) => void>();
  /** The connection that LISTENs, opened by the first watch. */
  #listening: Promise<pg.Client> | undefined;

  constructor(options: PgStoreOptions) {
    this.#schema = options.schema ?? 'reglament';
    const s = quoteIdentifier(this.#schema);
    this.#t = {
      applications: `${s}.applications`,
      licences: `${s}.licences`,
      sequences: `${s}.licence_sequences`,
      counters: `${s}.application_counters`,
      documents: `${s}.documents`,
      configs: `${s}.config_versions`,
      uploads: `${s}.uploads`,
      chunks: `${s}.upload_chunks`,
      drafts: `${s}.drafts`,
      notifications: `${s}.notifications`,
      outbox: `${s}.outbox`,
      revokedSessions: `${s}.revoked_sessions`,
      idempotency: `${s}.idempotency_keys`,
      reads: `${s}.read_audit`,
    };
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: 'reglament',
      // Bounded waits: a stuck database turns into failed requests, not requests that hang forever.
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
    });
    // Without a listener, an idle client's error (server restart, network cut) would crash the process;
    // the pool drops that client and the next query opens a new connection.
    const onError = options.onError ?? (() => undefined);
    this.#pool.on('error', onError);
    this.#uploads = new PgUploads(this.#pool, { uploads: this.#t.uploads, chunks: this.#t.chunks });
    this.#onError = onError;
    this.#connectionString = options.connectionString;
    this.#channel = `reglament_${this.#schema}`;
  }

  async init(): Promise<void> {
    const migrations = await readMigrations();
    const client = await this.#pool.connect();
    try {
      await migrate(client, this.#schema, migrations);
    } finally {
      client.release();
    }
    await this.#fillMissingRows();
  }

  health(): StoreHealth {
    return this.#closed ? { writable: false, reason: 'the store is closed' } : { writable: true };
  }

  close(): Promise<void> {
    return (this.#closed ??= (async () => {
      const listening = this.#listening;
      this.#listening = undefined;
      if (listening) await (await listening.catch(() => undefined))?.end().catch(() => undefined);
      await this.#pool.end();
    })());
  }

  async listInbox(query: InboxQuery): Promise<InboxPage> {
    const sql = inboxSql(this.#t.applications, query);
    const [page, count] = await Promise.all([
      this.#pool.query<{ row: string }>(sql.page.text, sql.page.values),
      this.#pool.query<{ n: number }>(sql.count.text, sql.count.values),
    ]);
    const n = count.rows[0].n;
    return { items: page.rows.map((r) => decodeJson<CaseRow>(r.row)), total: Math.min(n, INBOX_COUNT_LIMIT), totalExact: n <= INBOX_COUNT_LIMIT };
  }

  async watch(listener: (change: ApplicationChange) => void): Promise<() => Promise<void>> {
    this.#listening ??= this.#listen();
    await this.#listening;
    this.#listeners.add(listener);
    return async () => {
      this.#listeners.delete(listener);
    };
  }

  async reportFacts(region: string): Promise<readonly ReportFact[]> {
    const { rows } = await this.#pool.query<{ record: string }>(`SELECT record::text AS record FROM ${this.#t.applications} WHERE region = $1`, [t(region)]);
    return rows.map((r) => reportFactOf(decodeJson<ApplicationRecord>(r.record)));
  }

  /** One connection LISTENing on the schema's channel; a lost connection is reported and opened again. */
  async #listen(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#connectionString, application_name: 'reglament-listen' });
    client.on('notification', (message) => {
      if (message.channel !== this.#channel || !message.payload) return;
      let change: ApplicationChange;
      try {
        change = JSON.parse(message.payload) as ApplicationChange;
      } catch {
        return;
      }
      for (const listener of this.#listeners) {
        try {
          listener(change);
        } catch {
          // A broken listener must not stop the others.
        }
      }
    });
    client.on('error', (error) => {
      this.#onError(error);
      if (this.#closed || this.#listening === undefined) return;
      // Listen again on a new connection; changes committed meanwhile are not announced.
      this.#listening = this.#listen();
      this.#listening.catch((e: Error) => this.#onError(e));
    });
    await client.connect();
    await client.query(`LISTEN ${quoteIdentifier(this.#channel)}`);
    return client;
  }

  /** Rows written before the inbox migration get their inbox columns, in batches. */
  async #fillMissingRows(): Promise<void> {
    for (;;) {
      const { rows } = await this.#pool.query<{ record: string }>(`SELECT record::text AS record FROM ${this.#t.applications} WHERE row IS NULL LIMIT 500`);
      if (rows.length === 0) return;
      for (const { record } of rows) {
        const app = decodeJson<ApplicationRecord>(record);
        await this.#pool.query(
          `UPDATE ${this.#t.applications} SET number = $2, applicant_key = $3, service_key = $4, step_key = $5, phase_due = $6,
             service_due = $7, assignee = $8, search_text = $9, row = $10::jsonb WHERE id = $1`,
          [t(app.id), ...inboxColumns(app)],
        );
      }
    }
  }

  /**
   * One transaction: take the region's next number for the year (the counter row stays locked until
   * commit, so filings of one region and year commit one after another), build the record with it,
   * and write it with its documents and licences. A rollback returns the number: no gaps.
   */
  async createApplication(draft: NewApplication): Promise<ApplicationRecord> {
    let stored!: ApplicationRecord;
    await this.#claimed(draft.idempotency, async (client) => {
      // The key first: a repeat waits here for the first filing to commit, and takes no number.
      if (draft.idempotency) await this.#claim(client, draft.idempotency);
      const { rows } = await client.query<{ last: number }>(
        `INSERT INTO ${this.#t.counters} AS c (region, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (region, year) DO UPDATE SET last = c.last + 1
         RETURNING last`,
        [t(draft.counter.region), draft.counter.year],
      );
      const { application, documents, notifications, deliveries, response } = draft.build(rows[0].last);
      if (application.id !== draft.id) throw new RangeError(`application ${draft.id} was built with id ${application.id}`);
      await this.#writeWith(client, application, 0, { documents, licences: draft.licences, attachments: draft.attachments, notifications, deliveries });
      const record = recordOf(draft.idempotency, response);
      if (record) await this.#respond(client, record);
      stored = application;
    });
    return stored;
  }

  updateApplication(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void> {
    return this.#write(app, expectedVersion, effects);
  }

  async getApplication(id: string): Promise<ApplicationRecord | undefined> {
    return this.#one(`SELECT record::text AS record FROM ${this.#t.applications} WHERE id = $1`, [t(id)]);
  }

  async listApplications(query: ApplicationQuery): Promise<Page<ApplicationRecord>> {
    return this.#page(applicationListSql(this.#t.applications, query), query);
  }

  async getLicence(region: string, number: string): Promise<LicenceRecord | undefined> {
    return this.#one(`SELECT record::text AS record FROM ${this.#t.licences} WHERE region = $1 AND number = $2`, [t(region), t(number)]);
  }

  async searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>> {
    return this.#page(licenceSearchSql(this.#t.licences, query), query);
  }

  async nextLicenceSeq(region: string): Promise<number> {
    // One statement, so one transaction: the row lock serialises every process asking for the region's
    // next number, and the first number of a region is inserted rather than read-then-written.
    const { rows } = await this.#pool.query<{ last: number }>(
      `INSERT INTO ${this.#t.sequences} AS s (region, last) VALUES ($1, 1)
       ON CONFLICT (region) DO UPDATE SET last = s.last + 1
       RETURNING last`,
      [t(region)],
    );
    return rows[0].last;
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    return this.#one(`SELECT record::text AS record FROM ${this.#t.documents} WHERE id = $1`, [t(id)]);
  }

  async saveConfigVersion(region: string, version: string, files: Readonly<Record<string, string>>): Promise<void> {
    // A version is a content hash: the first save is the content, so a second one changes nothing.
    await this.#pool.query(`INSERT INTO ${this.#t.configs} (region, version, files) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING`, [
      t(region),
      t(version),
      encodeJson(files),
    ]);
  }

  async getConfigVersion(region: string, version: string): Promise<Readonly<Record<string, string>> | undefined> {
    const { rows } = await this.#pool.query<{ files: string }>(
      `SELECT files::text AS files FROM ${this.#t.configs} WHERE region = $1 AND version = $2`,
      [t(region), t(version)],
    );
    return rows.length === 0 ? undefined : decodeJson(rows[0].files);
  }

  /**
   * Loads many applications at once, for migrations and benchmarks: multi-row INSERTs of 500, each
   * atomic, no versions checked, no numbers taken, no changes announced. It must run on a schema
   * nobody else writes to; re-running it after a failure skips the rows already there.
   */
  async bulkImport(apps: readonly ApplicationRecord[], onProgress?: (done: number) => void): Promise<void> {
    const COLUMNS = 19;
    for (let start = 0; start < apps.length; start += 500) {
      const batch = apps.slice(start, start + 500);
      const values: unknown[] = [];
      const rows = batch.map((app, i) => {
        values.push(
          t(app.id), t(app.region), t(app.service), t(app.state), app.final, t(app.applicantId),
          app.stepDue === null ? null : t(app.stepDue.date), new Date(Date.parse(app.receivedAt)).toISOString(), app.version, encodeJson(app),
          ...inboxColumns(app),
        );
        const n = (k: number) => `$${i * COLUMNS + k}`;
        return `(${n(1)}, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}, ${n(6)}, ${n(7)}, ${n(8)}, ${n(9)}, ${n(10)}::jsonb, ${n(11)}, ${n(12)}, ${n(13)}, ${n(14)}, ${n(15)}, ${n(16)}, ${n(17)}, ${n(18)}, ${n(19)}::jsonb)`;
      });
      await this.#pool.query(
        `INSERT INTO ${this.#t.applications}
           (id, region, service, state, final, applicant_id, step_due, received_at, version, record,
            number, applicant_key, service_key, step_key, phase_due, service_due, assignee, search_text, row)
         VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
        values,
      );
      onProgress?.(Math.min(apps.length, start + batch.length));
    }
  }

  /** Refreshes the planner's statistics (and the visibility map) after a bulk import. */
  async analyze(): Promise<void> {
    await this.#pool.query(`VACUUM ANALYZE ${this.#t.applications}`);
  }

  async revokeSession(session: RevokedSession): Promise<void> {
    // Ended sessions go as new ones come: a logout is rare, so the table stays as small as the sessions still running.
    await this.#pool.query(
      `WITH gone AS (DELETE FROM ${this.#t.revokedSessions} WHERE until < $2::timestamptz - interval '1 day')
       INSERT INTO ${this.#t.revokedSessions} AS r (id, until) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET until = GREATEST(r.until, excluded.until)`,
      [t(session.id), session.until],
    );
  }

  async revokedSessions(now: string): Promise<readonly RevokedSession[]> {
    const { rows } = await this.#pool.query<{ id: string; until: Date }>(`SELECT id, until FROM ${this.#t.revokedSessions} WHERE until > $1`, [now]);
    return rows.map((r) => ({ id: r.id, until: r.until.toISOString() }));
  }

  async #write(app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void> {
    // Most steps touch the application row only: one statement is already atomic, and saves the
    // BEGIN and COMMIT round trips.
    const record = effects.idempotency;
    const alone = [effects.documents, effects.licences, effects.attachments ?? [], effects.notifications ?? [], effects.deliveries ?? []].every((list) => list.length === 0);
    if (alone && !record) {
      await this.#writeApplication(this.#pool, app, expectedVersion);
      return;
    }
    await this.#claimed(record, async (client) => {
      if (record) {
        await this.#claim(client, record);
        await this.#respond(client, record);
      }
      await this.#writeWith(client, app, expectedVersion, effects);
    });
  }

  async getIdempotency(owner: string, key: string, now: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.#pool.query<IdempotencyRow>(
      `SELECT owner, key, fingerprint, created_at, expires_at, status, body, location FROM ${this.#t.idempotency}
       WHERE owner = $1 AND key = $2 AND expires_at > $3 AND status IS NOT NULL`,
      [t(owner), t(key), now],
    );
    return rows.length === 0 ? undefined : idempotencyRecordOf(rows[0]);
  }

  async appendReads(reads: readonly ReadRecord[]): Promise<void> {
    if (reads.length === 0) return;
    const values: unknown[] = [];
    const rows = reads.map((r) => {
      values.push(r.at, t(r.region), t(r.userId), encodeJson(r.roles), r.kind, t(r.id), r.applicationId === null ? null : t(r.applicationId), t(r.action), t(r.requestId));
      const n = values.length - 9;
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::jsonb, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9})`;
    });
    await this.#pool.query(
      `INSERT INTO ${this.#t.reads} (at, region, user_id, roles, kind, object_id, application_id, action, request_id) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  async listReads(query: ReadQuery): Promise<Page<ReadRecord>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    add('region = ?', t(query.region));
    if (query.applicationId !== undefined) add('application_id = ?', t(query.applicationId));
    if (query.userId !== undefined) add('user_id = ?', t(query.userId));
    if (query.from !== undefined) add('at >= ?', query.from);
    if (query.to !== undefined) add('at < ?', query.to);
    const { limit, offset } = pageBounds(query);
    const { rows } = await this.#pool.query<ReadRow & { total: string }>(
      `SELECT at, region, user_id, roles::text AS roles, kind, object_id, application_id, action, request_id, count(*) OVER () AS total
       FROM ${this.#t.reads} WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    if (rows.length > 0 || (offset === 0 && limit !== 0)) return { items: rows.map(readRecordOf), total: rows.length > 0 ? Number(rows[0].total) : 0 };
    const counted = await this.#pool.query<{ total: string }>(`SELECT count(*) AS total FROM ${this.#t.reads} WHERE ${where.join(' AND ')}`, params);
    return { items: [], total: Number(counted.rows[0].total) };
  }

  async pruneReads(before: string): Promise<number> {
    const { rowCount } = await this.#pool.query(`DELETE FROM ${this.#t.reads} WHERE at < $1`, [before]);
    return rowCount ?? 0;
  }

  /**
   * Runs `work` in a transaction; when it finds `claim`'s key kept already (#claim), rolls back and
   * throws IdempotencyConflictError with the record the first request committed.
   */
  async #claimed(claim: IdempotencyClaim | undefined, work: (client: PoolClient) => Promise<void>): Promise<void> {
    try {
      await this.#transaction(work);
    } catch (error) {
      if (!(error instanceof KeyTaken) || !claim) throw error;
      const existing = await this.getIdempotency(claim.owner, claim.key, claim.createdAt);
      if (!existing) throw new Error(`idempotency key ${JSON.stringify(claim.key)} was kept a moment ago and is gone now`, { cause: error });
      throw new IdempotencyConflictError(existing);
    }
  }

  /**
   * Takes `claim`'s key inside the transaction: a new row, or one whose key had expired. A row another
   * transaction holds makes this wait until it commits (then the key is taken: KeyTaken) or rolls back.
   */
  async #claim(client: PoolClient, claim: IdempotencyClaim): Promise<void> {
    await client.query(`DELETE FROM ${this.#t.idempotency} WHERE expires_at < $1::timestamptz - interval '1 day'`, [claim.createdAt]);
    const { rowCount } = await client.query(
      `INSERT INTO ${this.#t.idempotency} AS k (owner, key, fingerprint, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner, key) DO UPDATE
         SET fingerprint = excluded.fingerprint, created_at = excluded.created_at, expires_at = excluded.expires_at, status = NULL, body = NULL, location = NULL
         WHERE k.expires_at <= excluded.created_at`,
      [t(claim.owner), t(claim.key), t(claim.fingerprint), claim.createdAt, claim.expiresAt],
    );
    if (rowCount !== 1) throw new KeyTaken();
  }

  async #respond(client: PoolClient, record: IdempotencyRecord): Promise<void> {
    const { status, body, location } = record.response;
    await client.query(`UPDATE ${this.#t.idempotency} SET status = $3, body = $4, location = $5 WHERE owner = $1 AND key = $2`, [
      t(record.owner),
      t(record.key),
      status,
      t(body),
      location === undefined ? null : t(location),
    ]);
  }

  /** The application row, then its licences and documents, inside the caller's transaction. */
  async #writeWith(client: PoolClient, app: ApplicationRecord, expectedVersion: number, effects: StoreEffects): Promise<void> {
    // Rows are locked in one global order (application, then licences and documents by key), so two
    // writes touching the same licences wait for each other instead of deadlocking.
    const licences = [...effects.licences].sort((a, b) => compare(a.region, b.region) || compare(a.number, b.number));
    const documents = [...effects.documents].sort((a, b) => compare(a.id, b.id));
    await this.#writeApplication(client, app, expectedVersion);
    await this.#fileUploads(client, app.id, effects.attachments ?? []);
    for (const licence of licences) await this.#writeLicence(client, licence);
    for (const document of documents) {
      await client.query(
        `INSERT INTO ${this.#t.documents} (id, application_id, region, record) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (id) DO UPDATE SET application_id = excluded.application_id, region = excluded.region, record = excluded.record`,
        [t(document.id), document.applicationId === null ? null : t(document.applicationId), t(document.region), encodeJson(document)],
      );
    }
    for (const n of effects.notifications ?? []) {
      await client.query(`INSERT INTO ${this.#t.notifications} (id, user_id, created_at, read, record) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
        t(n.id),
        t(n.userId),
        n.createdAt,
        n.read,
        encodeJson(n),
      ]);
    }
    for (const d of effects.deliveries ?? []) {
      await client.query(
        `INSERT INTO ${this.#t.outbox} (id, region, application_id, channel, status, next_attempt_at, created_at, record)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [t(d.id), t(d.region), t(d.applicationId), d.channel, d.status, d.nextAttemptAt, d.createdAt, encodeJson(d)],
      );
    }
  }

  async listNotifications(userId: string, limit: number): Promise<{ items: readonly NotificationRecord[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.#pool.query<{ record: string }>(
        `SELECT record::text AS record FROM ${this.#t.notifications} WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [t(userId), limit],
      ),
      this.#pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.#t.notifications} WHERE user_id = $1 AND NOT read`, [t(userId)]),
    ]);
    return { items: items.rows.map((r) => decodeJson<NotificationRecord>(r.record)), unread: Number(unread.rows[0].n) };
  }

  async markNotificationsRead(userId: string, ids: readonly string[] | 'all'): Promise<void> {
    const set = `SET read = true, record = jsonb_set(record, '{read}', 'true'::jsonb)`;
    if (ids === 'all') await this.#pool.query(`UPDATE ${this.#t.notifications} ${set} WHERE user_id = $1 AND NOT read`, [t(userId)]);
    else await this.#pool.query(`UPDATE ${this.#t.notifications} ${set} WHERE user_id = $1 AND NOT read AND id = ANY($2::text[])`, [t(userId), ids.map(t)]);
  }

  async claimDeliveries(channel: 'email', now: Date, limit: number, leaseMs: number): Promise<readonly DeliveryRecord[]> {
    const { rows } = await this.#pool.query<{ record: string }>(
      `UPDATE ${this.#t.outbox} SET claimed_until = $2::timestamptz + make_interval(secs => $4::double precision / 1000)
       WHERE id IN (
         SELECT id FROM ${this.#t.outbox}
         WHERE channel = $1 AND status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2)
         ORDER BY next_attempt_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING record::text AS record, next_attempt_at, id`,
      [channel, now.toISOString(), limit, leaseMs],
    );
    return rows.map((r) => decodeJson<DeliveryRecord>(r.record)).sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || compare(a.id, b.id));
  }

  async updateDelivery(delivery: DeliveryRecord): Promise<void> {
    const written = await this.#pool.query(
      `UPDATE ${this.#t.outbox} SET status = $2, next_attempt_at = $3, claimed_until = NULL, record = $4::jsonb WHERE id = $1 AND status = 'pending'`,
      [t(delivery.id), delivery.status, delivery.nextAttemptAt, encodeJson(delivery)],
    );
    if (written.rowCount === 1) return;
    if ((await this.getDelivery(delivery.applicationId, delivery.id)) !== undefined) throw new TransitionError(`Отправление ${delivery.id} уже завершено`);
    throw new RangeError(`no delivery ${delivery.id}`);
  }

  getDelivery(applicationId: string, id: string): Promise<DeliveryRecord | undefined> {
    return this.#one(`SELECT record::text AS record FROM ${this.#t.outbox} WHERE id = $1 AND application_id = $2`, [t(id), t(applicationId)]);
  }

  async listDeliveries(query: { readonly applicationId: string } | { readonly region: string; readonly channel: 'email' | 'paper'; readonly status: 'pending' }): Promise<readonly DeliveryRecord[]> {
    const { rows } =
      'applicationId' in query
        ? await this.#pool.query<{ record: string }>(`SELECT record::text AS record FROM ${this.#t.outbox} WHERE application_id = $1 ORDER BY created_at, id`, [t(query.applicationId)])
        : await this.#pool.query<{ record: string }>(
            `SELECT record::text AS record FROM ${this.#t.outbox} WHERE region = $1 AND channel = $2 AND status = $3 ORDER BY created_at, id`,
            [t(query.region), query.channel, query.status],
          );
    return rows.map((r) => decodeJson<DeliveryRecord>(r.record));
  }

  /** Inserts (expectedVersion 0) or updates the application row if its version is still the expected one. */
  async #writeApplication(db: Queryable, app: ApplicationRecord, expectedVersion: number): Promise<void> {
    if (app.version !== expectedVersion + 1) {
      throw new RangeError(`application ${app.id} must be written as version ${expectedVersion + 1}, got ${app.version}`);
    }
    const receivedAt = Date.parse(app.receivedAt);
    if (Number.isNaN(receivedAt)) throw new RangeError(`application ${app.id} has no valid receivedAt: "${app.receivedAt}"`);
    const columns = [
      t(app.id),
      t(app.region),
      t(app.service),
      t(app.state),
      app.final,
      t(app.applicantId),
      app.stepDue === null ? null : t(app.stepDue.date),
      new Date(receivedAt).toISOString(),
      app.version,
      encodeJson(app),
      ...inboxColumns(app),
    ];
    // Delivered to every listening process when (and only if) the write commits, in commit order.
    const notice = JSON.stringify(changeOf(app, randomUUID()));
    const written =
      expectedVersion === 0
        ? await db.query(
            `WITH written AS (
               INSERT INTO ${this.#t.applications}
                 (id, region, service, state, final, applicant_id, step_due, received_at, version, record,
                  number, applicant_key, service_key, step_key, phase_due, service_due, assignee, search_text, row)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb)
               ON CONFLICT (id) DO NOTHING RETURNING id)
             SELECT pg_notify($20, $21) FROM written`,
            [...columns, this.#channel, notice],
          )
        : await db.query(
            `WITH written AS (
               UPDATE ${this.#t.applications}
               SET region = $2, service = $3, state = $4, final = $5, applicant_id = $6, step_due = $7,
                   received_at = $8, version = $9, record = $10::jsonb, updated_at = now(),
                   number = $11, applicant_key = $12, service_key = $13, step_key = $14, phase_due = $15,
                   service_due = $16, assignee = $17, search_text = $18, row = $19::jsonb
               WHERE id = $1 AND version = $22 RETURNING id)
             SELECT pg_notify($20, $21) FROM written`,
            [...columns, this.#channel, notice, expectedVersion],
          );
    if (written.rowCount !== 1) {
      throw new VersionConflictError(app.id, expectedVersion, await this.#storedVersion(db, this.#t.applications, 'id = $1', [t(app.id)]));
    }
  }

  /** Records the uploads as the application's; one that is gone or another application's refuses the write. */
  async #fileUploads(client: PoolClient, applicationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const sorted = [...new Set(ids)].sort(compare);
    // Locked in id order, like every other row a write touches, so two writes cannot deadlock on them.
    const { rows } = await client.query<{ id: string; application_id: string | null }>(
      `SELECT id, application_id FROM ${this.#t.uploads} WHERE id = ANY($1::text[]) AND complete ORDER BY id FOR UPDATE`,
      [sorted],
    );
    const found = new Map(rows.map((r) => [r.id, r.application_id]));
    for (const id of sorted) {
      if (!found.has(id)) throw new AttachmentError(id, 'missing');
      const owner = found.get(id);
      if (owner !== null && owner !== applicationId) throw new AttachmentError(id, 'taken');
    }
    await client.query(
      `UPDATE ${this.#t.uploads} SET application_id = $1, record = jsonb_set(record, '{applicationId}', to_jsonb($1::text))
       WHERE id = ANY($2::text[]) AND application_id IS NULL`,
      [t(applicationId), sorted],
    );
  }

  beginUpload(id: string): Promise<UploadWriter> {
    return this.#uploads.begin(id);
  }

  getUpload(id: string): Promise<UploadRecord | undefined> {
    return this.#uploads.get(id);
  }

  openUpload(id: string): Promise<Readable | undefined> {
    return this.#uploads.open(id);
  }

  async sweep(cutoffs: { readonly uploadsBefore: Date; readonly draftsBefore: Date }): Promise<{ uploads: number; drafts: number }> {
    const drafts = await this.#pool.query(`DELETE FROM ${this.#t.drafts} WHERE updated_at < $1`, [cutoffs.draftsBefore.toISOString()]);
    // Incomplete rows (an upload a crash interrupted) go too, uncounted. The row lock a filing takes
    // on an upload (#fileUploads) makes this wait for it, and then see it filed.
    const { rows } = await this.#pool.query<{ complete: boolean }>(
      `DELETE FROM ${this.#t.uploads} u
       WHERE u.application_id IS NULL AND u.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM ${this.#t.drafts} d WHERE d.attachments @> to_jsonb(ARRAY[u.id]))
       RETURNING u.complete`,
      [cutoffs.uploadsBefore.toISOString()],
    );
    return { uploads: rows.filter((r) => r.complete).length, drafts: drafts.rowCount ?? 0 };
  }

  async saveDraft(draft: DraftRecord, expectedVersion: number): Promise<void> {
    if (draft.version !== expectedVersion + 1) throw new RangeError(`draft ${draft.id} must be written as version ${expectedVersion + 1}, got ${draft.version}`);
    const values = [t(draft.id), t(draft.region), t(draft.applicantId), draft.updatedAt, draft.version, encodeJson(draft.attachments), encodeJson(draft)];
    const written =
      expectedVersion === 0
        ? await this.#pool.query(
            `INSERT INTO ${this.#t.drafts} (id, region, applicant_id, updated_at, version, attachments, record)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb) ON CONFLICT (id) DO NOTHING`,
            values,
          )
        : await this.#pool.query(
            `UPDATE ${this.#t.drafts} SET region = $2, applicant_id = $3, updated_at = $4, version = $5, attachments = $6::jsonb, record = $7::jsonb
             WHERE id = $1 AND version = $8`,
            [...values, expectedVersion],
          );
    if (written.rowCount !== 1) {
      throw new VersionConflictError(draft.id, expectedVersion, await this.#storedVersion(this.#pool, this.#t.drafts, 'id = $1', [t(draft.id)]), 'Черновик');
    }
  }

  getDraft(id: string): Promise<DraftRecord | undefined> {
    return this.#one(`SELECT record::text AS record FROM ${this.#t.drafts} WHERE id = $1`, [t(id)]);
  }

  async listDrafts(region: string, applicantId: string): Promise<readonly DraftRecord[]> {
    const { rows } = await this.#pool.query<{ record: string }>(
      `SELECT record::text AS record FROM ${this.#t.drafts} WHERE region = $1 AND applicant_id = $2 ORDER BY updated_at DESC, id`,
      [t(region), t(applicantId)],
    );
    return rows.map((r) => decodeJson<DraftRecord>(r.record));
  }

  async deleteDraft(id: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#t.drafts} WHERE id = $1`, [t(id)]);
  }

  /** A licence is either new (version 1, number unused in its region) or exactly one version ahead. */
  async #writeLicence(client: PoolClient, licence: LicenceRecord): Promise<void> {
    const key = [t(licence.region), t(licence.number)];
    const values = [
      ...key,
      licence.status,
      t(licence.issuedOn),
      licence.version,
      encodeJson(licence.attributes),
      encodeJson(searchValues(licence.attributes)),
      encodeJson(licence),
      encodeJson(licenceSearchNorm(licence)),
    ];
    const written =
      licence.version === 1
        ? await client.query(
            `INSERT INTO ${this.#t.licences} (region, number, status, issued_on, version, attributes, search, record, search_norm)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb)
             ON CONFLICT (region, number) DO NOTHING`,
            values,
          )
        : await client.query(
            `UPDATE ${this.#t.licences}
             SET status = $3, issued_on = $4, version = $5, attributes = $6::jsonb, search = $7::jsonb, record = $8::jsonb,
                 search_norm = $9::jsonb, updated_at = now()
             WHERE region = $1 AND number = $2 AND version = $5 - 1`,
            values,
          );
    if (written.rowCount !== 1) {
      const stored = await this.#storedVersion(client, this.#t.licences, 'region = $1 AND number = $2', key);
      throw new VersionConflictError(licence.number, licence.version - 1, stored, 'Лицензия');
    }
  }

  /** The version now committed (0 if none): read in a new statement, so it sees the winner's commit. */
  async #storedVersion(db: Queryable, table: string, where: string, params: unknown[]): Promise<number> {
    const { rows } = await db.query<{ version: number }>(`SELECT version FROM ${table} WHERE ${where}`, params);
    return rows[0]?.version ?? 0;
  }

  async #one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    const { rows } = await this.#pool.query<{ record: string }>(sql, params);
    return rows.length === 0 ? undefined : decodeJson<T>(rows[0].record);
  }

  /** Runs a page query (rows carry `total` from count(*) OVER ()); an empty page past the end, or of size 0, counts separately. */
  async #page<T>(sql: Sql, query: { readonly limit: number; readonly offset: number }): Promise<Page<T>> {
    const { limit, offset } = pageBounds(query);
    const { rows } = await this.#pool.query<{ record: string; total: string }>(
      `${sql.select} ORDER BY ${sql.orderBy} LIMIT $${sql.params.length + 1} OFFSET $${sql.params.length + 2}`,
      [...sql.params, limit, offset],
    );
    if (rows.length > 0) return { items: rows.map((r) => decodeJson<T>(r.record)), total: Number(rows[0].total) };
    // No rows and nothing skipped or cut: nothing matches. Otherwise the rows that carry the total were cut off.
    if (offset === 0 && limit !== 0) return { items: [], total: 0 };
    const counted = await this.#pool.query<{ total: string }>(sql.count, [...sql.params]);
    return { items: [], total: Number(counted.rows[0].total) };
  }

  async #transaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    let unusable = false;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (e) {
      // If even ROLLBACK fails the connection is in an unknown state: destroy it rather than reuse it.
      await client.query('ROLLBACK').catch(() => (unusable = true));
      throw e;
    } finally {
      client.release(unusable);
    }
  }
}

interface ReadRow {
  at: Date;
  region: string;
  user_id: string;
  roles: string;
  kind: ReadRecord['kind'];
  object_id: string;
  application_id: string | null;
  action: string;
  request_id: string;
}

function readRecordOf(row: ReadRow): ReadRecord {
  return {
    at: row.at.toISOString(),
    region: decodeText(row.region),
    userId: decodeText(row.user_id),
    roles: decodeJson<string[]>(row.roles),
    kind: row.kind,
    id: decodeText(row.object_id),
    applicationId: row.application_id === null ? null : decodeText(row.application_id),
    action: decodeText(row.action),
    requestId: decodeText(row.request_id),
  };
}

/** Another transaction committed the idempotency key first. */
class KeyTaken extends Error {}

interface IdempotencyRow {
  owner: string;
  key: string;
  fingerprint: string;
  created_at: Date;
  expires_at: Date;
  status: number;
  body: string;
  location: string | null;
}

function idempotencyRecordOf(row: IdempotencyRow): IdempotencyRecord {
  return {
    owner: decodeText(row.owner),
    key: decodeText(row.key),
    fingerprint: decodeText(row.fingerprint),
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    response: { status: row.status, body: decodeText(row.body), ...(row.location === null ? {} : { location: decodeText(row.location) }) },
  };
}

/** Opens (lazily, at init) the PostgreSQL store. */
export function pgStore(options: PgStoreOptions): PgStore {
  return new PgStore(options);
}

/**
 * Every attribute's value as the registry search compares it: as text (so a numeric ИНН matches the
 * string typed into the search), own keys only, null and undefined left out.
 */
export function searchValues(attributes: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}

/** The inbox columns of an application (migration 002), in the order the writes list them. */
function inboxColumns(app: ApplicationRecord): unknown[] {
  const row = caseRowOf(app);
  const keys = sortKeysOf(row);
  const text = (value: string | number | null) => (value === null ? null : t(String(value)));
  return [
    text(keys.number),
    text(keys.applicant),
    text(keys.service),
    text(keys.step),
    text(keys.phaseDue),
    text(keys.serviceDue),
    row.assignee === null ? null : t(row.assignee.userId),
    t(caseSearchText(row)),
    encodeJson(row),
  ];
}

/** What registry search reads of a licence: "#" its number, and each attribute, normalized (the query names the attributes it may match). */
export function licenceSearchNorm(licence: LicenceRecord): Record<string, string> {
  return Object.fromEntries([
    ['#', searchTextOf([licence.number])],
    ...Object.entries(licence.attributes).map(([key, value]) => [key, searchTextOf([value === null || value === undefined ? null : String(value)])]),
  ]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
