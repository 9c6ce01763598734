/**
 * Picks the Store from the deployment's settings, so the server has one line to call:
 *  - `memory`: process memory (demos, benchmarks);
 *  - `databaseUrl` (the DATABASE_URL setting): PostgreSQL, for several server processes sharing data;
 *  - otherwise files under `<dataDir>/store` (lowdb), for a single process.
 * The store is returned uninitialised; the caller runs `init()` (migrations, index loading).
 */
import path from 'node:path';
import type { Store } from '../api.ts';
import { lowdbStore } from './lowdbStore.ts';
import { memoryStore } from './memoryStore.ts';
import { pgStore } from './pgStore.ts';

export interface StoreSettings {
  /** The data folder; the file store lives in its `store` subfolder. */
  readonly dataDir: string;
  /** postgres://… ; empty or undefined means "no database". */
  readonly databaseUrl?: string;
  /** PostgreSQL schema for the tables (DATABASE_SCHEMA); default "reglament". */
  readonly databaseSchema?: string;
  /** Connections per process (DATABASE_POOL_SIZE); default 10. */
  readonly databasePoolSize?: number;
  readonly memory?: boolean;
  /** Told about failures of idle database connections (they are replaced; nothing is lost). */
  readonly onDatabaseError?: (error: Error) => void;
}

export function createStore(settings: StoreSettings): Store {
  if (settings.memory) return memoryStore();
  if (settings.databaseUrl) {
    return pgStore({
      connectionString: settings.databaseUrl,
      schema: settings.databaseSchema || undefined,
      maxConnections: settings.databasePoolSize,
      onError: settings.onDatabaseError,
    });
  }
  return lowdbStore({ dir: path.join(settings.dataDir, 'store') });
}

/** The store settings an environment gives (DATABASE_URL, DATABASE_SCHEMA, DATABASE_POOL_SIZE). */
export function storeSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<StoreSettings, 'databaseUrl' | 'databaseSchema' | 'databasePoolSize'> {
  const pool = env.DATABASE_POOL_SIZE;
  if (pool !== undefined && pool !== '' && !/^[1-9]\d{0,3}$/.test(pool)) {
    throw new RangeError(`DATABASE_POOL_SIZE must be a whole number from 1 to 9999, got "${pool}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    databasePoolSize: pool ? Number(pool) : undefined,
  };
}
