import { describe, expect, it } from 'vitest';
import { createStore, storeSettingsFromEnv } from '../../engine/store/createStore.ts';
import { LowdbStore } from '../../engine/store/lowdbStore.ts';
import { PgStore } from '../../engine/store/pgStore.ts';

describe('createStore', () => {
  it('uses PostgreSQL when a database URL is set, the data folder otherwise, memory when asked', async () => {
    const pg = createStore({ dataDir: '/nonexistent', databaseUrl: 'postgres://u@127.0.0.1:1/db' });
    expect(pg).toBeInstanceOf(PgStore);
    await pg.close();
    expect(createStore({ dataDir: '/tmp/x', databaseUrl: '' })).toBeInstanceOf(LowdbStore);
    const memory = createStore({ dataDir: '/tmp/x', databaseUrl: 'postgres://u@127.0.0.1:1/db', memory: true });
    expect(memory).not.toBeInstanceOf(PgStore);
    expect(memory).not.toBeInstanceOf(LowdbStore);
  });

  it('reads DATABASE_URL, DATABASE_SCHEMA and DATABASE_POOL_SIZE, refusing a bad pool size', () => {
    expect(storeSettingsFromEnv({})).toEqual({ databaseUrl: undefined, databaseSchema: undefined, databasePoolSize: undefined });
    expect(storeSettingsFromEnv({ DATABASE_URL: 'postgres://x', DATABASE_SCHEMA: 'app', DATABASE_POOL_SIZE: '20' })).toEqual({
      databaseUrl: 'postgres://x',
      databaseSchema: 'app',
      databasePoolSize: 20,
    });
    expect(() => storeSettingsFromEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => storeSettingsFromEnv({ DATABASE_POOL_SIZE: 'ten' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('refuses a schema name that is not a plain identifier before touching the database', () => {
    expect(() => createStore({ dataDir: '/tmp/x', databaseUrl: 'postgres://x', databaseSchema: 'a"; DROP' })).toThrow(/identifier/);
  });
});
