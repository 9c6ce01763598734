/**
 * The two persistent stores the server can run on, as the reliability tests see them: the environment
 * that selects each, a check that what is persisted is intact, and a count of stored applications
 * read behind the server's back (which also proves the server really used that store).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface StoreVariant {
  readonly name: string;
  /** Environment of the server processes. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Throws, naming the damage, unless every persisted record is readable. `justKilled`: the server was
   * killed a moment ago and not restarted, so a torn last line of an append-only log is expected
   * (the store drops it at start); otherwise every line must parse. The embedded store replaces record
   * files atomically, so every record file parses even right after a kill, and is private (0600, in
   * 0700 directories).
   */
  checkIntact(dataDir: string, justKilled: boolean): Promise<{ readonly files: number; readonly tempFiles: number }>;
  storedApplications(dataDir: string): Promise<number>;
  /** What is stored, read behind the server's back: to prove rejected requests changed nothing. */
  contents(dataDir: string): Promise<StoreContents>;
  dispose(): Promise<void>;
}

export interface StoreContents {
  /** Application id -> stored version. */
  readonly applications: ReadonlyMap<string, number>;
  readonly licences: number;
  readonly documents: number;
  /** Hash of everything stored: equal digests, equal stores. */
  readonly digest: string;
}

export const lowdbVariant = (): StoreVariant => ({
  name: 'lowdb',
  env: { DATABASE_URL: '' },
  async checkIntact(dataDir, justKilled) {
    let files = 0;
    let tempFiles = 0;
    for (const file of await walk(path.join(dataDir, 'store'))) {
      const mode = (await stat(file)).mode & 0o777;
      if (mode !== 0o600) throw new Error(`${file} has mode ${mode.toString(8)}: store files hold personal data and must be 0600`);
      // Temporary files of interrupted atomic writes: never read by the store.
      if (file.endsWith('.tmp')) {
        tempFiles++;
        continue;
      }
      files++;
      const text = await readFile(file, 'utf8');
      if (file.endsWith('.json')) parseOrThrow(file, text);
      else if (file.endsWith('.jsonl')) {
        const lines = text.split('\n');
        const last = lines.pop()!;
        for (const line of lines) if (line !== '') parseOrThrow(file, line);
        if (last !== '' && !justKilled) throw new Error(`${file}: unterminated last line ${JSON.stringify(last.slice(0, 80))}`);
      }
    }
    parseOrThrow('users.json', await readFile(path.join(dataDir, 'users.json'), 'utf8'));
    return { files, tempFiles };
  },
  async storedApplications(dataDir) {
    const names = await readdir(path.join(dataDir, 'store', 'applications')).catch(() => []);
    return names.filter((n) => n.endsWith('.json')).length;
  },
  async contents(dataDir) {
    const root = path.join(dataDir, 'store');
    const hash = createHash('sha256');
    const applications = new Map<string, number>();
    let licences = 0;
    let documents = 0;
    // The records, as the PostgreSQL digest has them: sign-outs (sessions/) are the logout route's own
    // accepted writes, not records a refused request could have changed.
    const records = (await walk(root)).filter((f) => !f.endsWith('.tmp') && !path.relative(root, f).startsWith(`sessions${path.sep}`));
    for (const file of records.sort()) {
      const text = await readFile(file, 'utf8');
      const rel = path.relative(root, file);
      hash.update(`${rel}\u0000${text}\u0000`);
      if (rel.startsWith(`applications${path.sep}`)) {
        const app = JSON.parse(text) as { id: string; version: number };
        applications.set(app.id, app.version);
      } else if (rel.startsWith(`licences${path.sep}`)) licences++;
      else if (rel.startsWith(`documents${path.sep}`)) documents++;
    }
    return { applications, licences, documents, digest: hash.digest('hex') };
  },
  async dispose() {},
});

/** A fresh database on the test cluster, dropped at dispose. */
export async function pgVariant(clusterUrl: string): Promise<StoreVariant> {
  const name = `reliability_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  await admin(clusterUrl, `CREATE DATABASE ${name}`);
  const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const storedApplications = async () => {
    // No table means the server never opened this database (it ran on another store).
    const [table] = await query<{ exists: boolean }>(`SELECT to_regclass('reglament.applications') IS NOT NULL AS exists`);
    if (!table.exists) return 0;
    const [rows] = await query<{ n: string }>('SELECT count(*) AS n FROM reglament.applications');
    return Number(rows.n);
  };
  return {
    name: 'postgresql',
    env: { DATABASE_URL: url.href },
    async checkIntact() {
      if ((await storedApplications()) === 0) {
        throw new Error('the server never wrote to its PostgreSQL database: server/start.ts must choose the store with createStore (engine/store/createStore.ts) from DATABASE_URL');
      }
      // The columns the inbox uses must agree with the record read back, and every record must be whole.
      const [bad] = await query<{ applications: string; licences: string; rows: string }>(`
        SELECT
          (SELECT count(*) FROM reglament.applications
            WHERE record->>'id' IS DISTINCT FROM id OR (record->>'version')::int IS DISTINCT FROM version
               OR record->>'state' IS DISTINCT FROM state OR jsonb_typeof(record->'history') IS DISTINCT FROM 'array'
               OR jsonb_array_length(record->'history') IS DISTINCT FROM version) AS applications,
          (SELECT count(*) FROM reglament.licences
            WHERE record->>'number' IS DISTINCT FROM number OR (record->>'version')::int IS DISTINCT FROM version) AS licences,
          (SELECT count(*) FROM reglament.applications) AS rows`);
      if (Number(bad.applications) + Number(bad.licences) > 0) {
        throw new Error(`PostgreSQL store: ${bad.applications} application rows and ${bad.licences} licence rows disagree with their records`);
      }
      return { files: Number(bad.rows), tempFiles: 0 };
    },
    storedApplications,
    async contents() {
      const apps = await query<{ id: string; version: number }>('SELECT id, version FROM reglament.applications');
      // Every row of every table, in a fixed order, as text: equal digests, equal stores.
      const [sums] = await query<{ licences: string; documents: string; digest: string }>(`
        SELECT (SELECT count(*) FROM reglament.licences) AS licences,
               (SELECT count(*) FROM reglament.documents) AS documents,
               md5(concat_ws('|',
                 (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM reglament.applications t),
                 (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM reglament.licences t),
                 (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM reglament.documents t),
                 (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM reglament.licence_sequences t),
                 (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM reglament.config_versions t))) AS digest`);
      return {
        applications: new Map(apps.map((a) => [a.id, a.version])),
        licences: Number(sums.licences),
        documents: Number(sums.documents),
        digest: sums.digest,
      };
    },
    async dispose() {
      await admin(clusterUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(clusterUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const mode = (await stat(full)).mode & 0o777;
      if (mode !== 0o700) throw new Error(`${full} has mode ${mode.toString(8)}: store directories must be 0700`);
      out.push(...(await walk(full)));
    }
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function parseOrThrow(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} does not parse: ${(e as Error).message}; starts ${JSON.stringify(text.slice(0, 80))}`);
  }
}
