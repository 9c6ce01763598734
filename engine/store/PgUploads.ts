import { Readable, Writable } from 'node:stream';
import type pg from 'pg';
import type { UploadRecord, UploadWriter } from '../api.ts';
import { decodeJson, encodeJson } from './pgText.ts';

/** Content goes to the database in chunks of this size (the last one may be smaller). */
const CHUNK = 256 * 1024;
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Uploads in PostgreSQL (tables uploads and upload_chunks, migration 003). Content is written one
 * chunk per statement as it arrives, so a slow client holds no connection between chunks, and read
 * back one chunk per query, so neither side ever holds a whole file in memory.
 */
export class PgUploads {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tables: { readonly uploads: string; readonly chunks: string },
  ) {}

  async begin(id: string): Promise<UploadWriter> {
    if (!UPLOAD_ID.test(id)) throw new RangeError(`not an upload id: ${id}`);
    const { uploads, chunks } = this.tables;
    await this.pool.query(`INSERT INTO ${uploads} (id, created_at) VALUES ($1, now())`, [id]);
    let seq = 0;
    let received = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await this.pool.query(`INSERT INTO ${chunks} (upload_id, seq, data) VALUES ($1, $2, $3)`, [id, seq++, data]);
    };
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        received += chunk.length;
        if (pendingBytes < CHUNK) return done();
        flush().then(() => done(), done);
      },
      final(done) {
        flush().then(() => done(), done);
      },
    });
    const written = new Promise<boolean>((resolve) => {
      out.once('finish', () => resolve(true));
      out.once('error', () => resolve(false));
      out.once('close', () => resolve(false));
    });
    return {
      out,
      commit: async (record) => {
        if (record.id !== id) throw new RangeError(`upload ${id} committed as ${record.id}`);
        if (!(await written)) throw new Error(`upload ${id} was not written whole`);
        if (received !== record.size) throw new Error(`upload ${id} received ${received} bytes, its record says ${record.size}`);
        await this.pool.query(`UPDATE ${uploads} SET complete = true, created_at = $2, record = $3::jsonb WHERE id = $1`, [id, record.createdAt, encodeJson(record)]);
      },
      abort: async () => {
        out.destroy();
        await this.pool.query(`DELETE FROM ${uploads} WHERE id = $1`, [id]);
      },
    };
  }

  async get(id: string): Promise<UploadRecord | undefined> {
    if (!UPLOAD_ID.test(id)) return undefined;
    const { rows } = await this.pool.query<{ record: string }>(`SELECT record::text AS record FROM ${this.tables.uploads} WHERE id = $1 AND complete`, [id]);
    return rows.length === 0 ? undefined : decodeJson<UploadRecord>(rows[0].record);
  }

  async open(id: string): Promise<Readable | undefined> {
    if (!(await this.get(id))) return undefined;
    const pool = this.pool;
    const chunks = this.tables.chunks;
    let seq = 0;
    return new Readable({
      read() {
        pool.query<{ data: Buffer }>(`SELECT data FROM ${chunks} WHERE upload_id = $1 AND seq = $2`, [id, seq++]).then(
          ({ rows }) => this.push(rows.length === 0 ? null : rows[0].data),
          (error: Error) => this.destroy(error),
        );
      },
    });
  }
}
