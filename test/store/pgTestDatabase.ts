/**
 * Where PostgreSQL tests get their database:
 *  1. TEST_DATABASE_URL, if set (an existing server; tests only create and drop their own schemas);
 *  2. else the cluster test/store/pgGlobalSetup.ts started for the whole run (passed by `provide`);
 *  3. else a throwaway cluster this test file starts itself (scripts/pg-test-cluster.sh) and stops.
 * Without PostgreSQL installed the answer is "skip", with a banner, unless REQUIRE_POSTGRES=1 (CI),
 * where a missing PostgreSQL fails the run instead of silently testing less.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { announceSkip, NOT_INSTALLED_REASON, startPgCluster } from './pgCluster.ts';

export { announceSkip };

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's throwaway cluster; null when PostgreSQL is not installed; absent without the globalSetup. */
    pgTestDatabaseUrl: string | null;
  }
}

export type PgTestDatabase = { readonly url: string; release(): Promise<void> } | { readonly skip: string };

/** The database for this test file (see the module comment); call `release` in afterAll. */
export async function pgTestDatabase(): Promise<PgTestDatabase> {
  const none = async () => undefined;
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, release: none };
  const provided = inject('pgTestDatabaseUrl');
  if (typeof provided === 'string') return { url: provided, release: none };
  const cluster = provided === null ? null : await startPgCluster();
  if (cluster) return { url: cluster.url, release: () => cluster.stop() };
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${NOT_INSTALLED_REASON}`);
  return { skip: NOT_INSTALLED_REASON };
}

/** Unique schema names for one test file, dropped together at the end. */
export class TestSchemas {
  readonly #names: string[] = [];
  readonly #prefix = `t${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

  constructor(readonly url: string) {}

  next(): string {
    const name = `${this.#prefix}_${this.#names.length}`;
    this.#names.push(name);
    return name;
  }

  async dropAll(): Promise<void> {
    if (this.#names.length === 0) return;
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      for (const name of this.#names.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}
