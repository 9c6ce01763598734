/**
 * Schema migrations of the PostgreSQL store: the numbered SQL files in ./migrations
 * ("001_initial.sql", "002_….sql"), applied in order, each recorded in `schema_migrations`.
 *
 * Several server processes may start at once against one database. All of them run `migrate`, inside
 * one transaction that first takes a transaction-scoped advisory lock for the schema: the first one
 * creates and fills the schema while the others wait on the lock, then find every migration recorded
 * and do nothing. A failing migration rolls back whole (PostgreSQL DDL is transactional), so a
 * schema is never left half-migrated.
 */
import { readdir, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { PoolClient } from 'pg';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d+)_([a-z0-9_]+)\.sql$/;
/** First key of the advisory lock ("REGL"); the second is a hash of the schema name. */
const LOCK_CLASS = 0x5245474c;

/** Every migration file, in version order; refuses gaps and duplicate numbers. */
export async function readMigrations(dir: URL | string = MIGRATIONS_DIR): Promise<readonly Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2], sql: await readFile(new URL(file, ensureDirUrl(dir)), 'utf8') });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`store migrations must be numbered 1, 2, 3…: found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Brings `schema` up to the latest migration. Returns the versions it applied (empty when another
 * process, or an earlier start, already had). `client` must not be inside a transaction.
 */
export async function migrate(client: PoolClient, schema: string, migrations: readonly Migration[]): Promise<number[]> {
  const applied: number[] = [];
  const quoted = quoteIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, schema]);
    // Created under the lock: two concurrent CREATE SCHEMA IF NOT EXISTS can still collide.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    const trigrams = await trigramSchema(client);
    await client.query(`SET LOCAL search_path TO ${quoted}, ${quoteIdentifier(trigrams)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > migrations.length) {
      // A newer build migrated this database; running older code on it could corrupt data.
      throw new Error(`the store schema "${schema}" is at migration ${newest}, this build knows only ${migrations.length}`);
    }
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return applied;
}

/**
 * The schema holding the pg_trgm extension (search by part of a word), created in "public" if the
 * database lacks it. Called inside migrate's transaction; a second advisory lock, for the whole
 * database, keeps two schemas migrating at once from both creating it.
 */
async function trigramSchema(client: PoolClient): Promise<string> {
  const find = () =>
    client.query<{ schema: string }>(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`);
  let { rows } = await find();
  if (rows.length === 0) {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_CLASS]);
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
    } catch (error) {
      throw new Error(
        `the store needs the PostgreSQL extension pg_trgm (search by part of a word): install PostgreSQL's contrib modules and let the database owner run CREATE EXTENSION, or run "CREATE EXTENSION pg_trgm" as a superuser (${(error as Error).message})`,
        { cause: error },
      );
    }
    ({ rows } = await find());
  }
  return rows[0].schema;
}

/** Schema names are configuration, not user input, but are still checked before being put in SQL. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`not a plain lowercase SQL identifier: "${name}"`);
  return `"${name}"`;
}

function ensureDirUrl(dir: URL | string): URL {
  const url = typeof dir === 'string' ? pathToFileURL(dir) : dir;
  return url.href.endsWith('/') ? url : new URL(`${url.href}/`);
}
