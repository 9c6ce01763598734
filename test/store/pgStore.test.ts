/**
 * The PostgreSQL store: the shared Store contract (each test on its own fresh schema), plus what only
 * a shared database adds: several processes (here: several pools) migrating, numbering and updating
 * at once, and text PostgreSQL cannot hold natively.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '../../engine/api.ts';
import { VersionConflictError } from '../../engine/errors.ts';
import { readMigrations } from '../../engine/store/pgMigrations.ts';
import { pgStore, type PgStore } from '../../engine/store/pgStore.ts';
import { announceSkip, pgTestDatabase, TestSchemas } from './pgTestDatabase.ts';
import { applicationRecord, documentRecord, licenceRecord, numbered, storeContract } from './storeContract.ts';

const NONE = { documents: [], licences: [] } as const;
const db = await pgTestDatabase();

if ('skip' in db) {
  announceSkip('test/store/pgStore.test.ts', db.skip);
  describe.skip('pgStore (PostgreSQL not installed)', () => {
    it('runs the Store contract against PostgreSQL', () => undefined);
  });
} else {
  const schemas = new TestSchemas(db.url);
  const open: PgStore[] = [];
  afterAll(async () => {
    for (const store of open.splice(0)) await store.close();
    await schemas.dropAll();
    await db.release();
  });
  /** A store on `schema`, closed after the file (several per schema stand for several processes). */
  const storeOn = (schema: string, maxConnections = 4) => {
    const store = pgStore({ connectionString: db.url, schema, maxConnections });
    open.push(store);
    return store;
  };

  storeContract('pgStore', () => {
    const schema = schemas.next();
    return { persistent: true, open: () => pgStore({ connectionString: db.url, schema, maxConnections: 4 }) };
  });

  describe('pgStore on a shared database', () => {
    it('migrates once when several processes start together, and again not at all', async () => {
      const schema = schemas.next();
      await Promise.all(Array.from({ length: 6 }, () => storeOn(schema).init()));
      await storeOn(schema).init();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
        const migrations = await readMigrations();
        expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
      } finally {
        await client.end();
      }
    });

    it('refuses to run on a schema a newer build has migrated', async () => {
      const schema = schemas.next();
      await storeOn(schema).init();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (999, 'from_the_future')`);
      await client.end();
      await expect(storeOn(schema).init()).rejects.toThrow(/migration 999/);
    });

    it('never hands out a licence number twice across processes', async () => {
      const schema = schemas.next();
      const stores = Array.from({ length: 4 }, () => storeOn(schema));
      for (const store of stores) await store.init();
      const numbers = (await Promise.all(stores.flatMap((store) => Array.from({ length: 25 }, () => store.nextLicenceSeq('r1'))))).sort(
        (a, b) => a - b,
      );
      expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(await stores[0].nextLicenceSeq('r2')).toBe(1);
    });

    it('applies every update exactly once when processes race on one application', async () => {
      const schema = schemas.next();
      const stores = Array.from({ length: 4 }, () => storeOn(schema));
      for (const store of stores) await store.init();
      await stores[0].createApplication(numbered(applicationRecord(), NONE));
      let wins = 0;
      let conflicts = 0;
      // Each writer reads, then writes the next version; a conflict means someone else was first: re-read.
      const writer = async (store: PgStore, name: string) => {
        for (let done = 0; done < 10; ) {
          const current = (await store.getApplication('app-1'))!;
          const next: ApplicationRecord = { ...current, version: current.version + 1, data: { ...current.data, [`${name}-${done}`]: true } };
          try {
            await store.updateApplication(next, current.version, NONE);
            wins++;
            done++;
          } catch (e) {
            if (!(e instanceof VersionConflictError)) throw e;
            expect(e.actual).toBeGreaterThan(current.version);
            conflicts++;
          }
        }
      };
      await Promise.all(stores.map((store, i) => writer(store, `w${i}`)));
      const final = (await stores[1].getApplication('app-1'))!;
      expect(wins).toBe(40);
      expect(final.version).toBe(41);
      expect(Object.keys(final.data)).toHaveLength(40);
      expect(conflicts).toBeGreaterThanOrEqual(0);
    });

    it('settles two writes amending the same licences in opposite orders with a conflict, not a deadlock', async () => {
      const schema = schemas.next();
      const [a, b] = [storeOn(schema), storeOn(schema)];
      await a.init();
      await b.init();
      const l1 = licenceRecord({ number: 'L-1' });
      const l2 = licenceRecord({ number: 'L-2' });
      await a.createApplication(numbered(applicationRecord({ id: 'x' }), { documents: [], licences: [l1, l2] }));
      await a.createApplication(numbered(applicationRecord({ id: 'y' }), NONE));
      for (let round = 0; round < 10; round++) {
        const [x, y] = await Promise.all([a.getApplication('x'), a.getApplication('y')]);
        const [c1, c2] = await Promise.all([a.getLicence('r1', 'L-1'), a.getLicence('r1', 'L-2')]);
        const bump = (l: typeof l1) => ({ ...l, version: l.version + 1 });
        const results = await Promise.allSettled([
          a.updateApplication({ ...x!, version: x!.version + 1 }, x!.version, { documents: [], licences: [bump(c1!), bump(c2!)] }),
          b.updateApplication({ ...y!, version: y!.version + 1 }, y!.version, { documents: [], licences: [bump(c2!), bump(c1!)] }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
        expect(failure.reason).toBeInstanceOf(VersionConflictError);
      }
      expect((await a.getLicence('r1', 'L-1'))!.version).toBe(11);
    });

    it('stores and finds text PostgreSQL cannot hold as is (NUL, lone surrogates, U+E000)', async () => {
      const store = storeOn(schemas.next());
      await store.init();
      const odd = 'a\u0000b\uD800c\uDC00d\uE000e\uE000d800 😀';
      const app = applicationRecord({ id: `app-${odd}`, state: odd, submission: { [odd]: odd, nested: [odd, { __proto__x: odd }] } });
      const licence = licenceRecord({ number: odd, attributes: { [odd]: odd, inn: 7707083893 } });
      const document = documentRecord({ id: odd, html: odd });
      await store.createApplication(numbered(app, { documents: [document], licences: [licence] }));
      expect(await store.getApplication(app.id)).toEqual(app);
      // An id differing only in the escape form is another id.
      expect(await store.getApplication('app-a\uE0000000b\uD800c\uDC00d\uE000e\uE000d800 😀')).toBeUndefined();
      expect(await store.getApplication('app-a\uFFFDb\uD800c\uDC00d\uE000e\uE000d800 😀')).toBeUndefined();
      expect((await store.listApplications({ region: 'r1', state: odd, limit: 10, offset: 0 })).total).toBe(1);
      expect(await store.getLicence('r1', odd)).toEqual(licence);
      expect((await store.searchLicences({ region: 'r1', attribute: { id: odd, value: odd }, limit: 10, offset: 0 })).total).toBe(1);
      expect((await store.searchLicences({ region: 'r1', attribute: { id: 'inn', value: '7707083893' }, limit: 10, offset: 0 })).total).toBe(1);
      expect(await store.getDocument(odd)).toEqual(document);
      await store.saveConfigVersion(odd, odd, { [odd]: odd });
      expect(await store.getConfigVersion(odd, odd)).toEqual({ [odd]: odd });
    });

    it('keeps a "__proto__" key as data', async () => {
      const store = storeOn(schemas.next());
      await store.init();
      const submission = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}') as Record<string, unknown>;
      await store.createApplication(numbered(applicationRecord({ submission }), NONE));
      const read = (await store.getApplication('app-1'))!;
      expect(Object.getPrototypeOf(read.submission)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(read.submission, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('treats bad paging values as the other stores do instead of failing in SQL', async () => {
      const store = storeOn(schemas.next());
      await store.init();
      await store.createApplication(numbered(applicationRecord(), NONE));
      const page = (limit: number, offset: number) => store.listApplications({ region: 'r1', limit, offset });
      expect(await page(-1, 0)).toEqual({ items: [], total: 1 });
      expect((await page(Infinity, -5)).items).toHaveLength(1);
      expect(await page(10, Number.MAX_VALUE)).toEqual({ items: [], total: 1 });
      expect((await store.listApplications({ region: 'r1', overdueOn: 'not a date', limit: 10, offset: 0 })).total).toBe(1);
    });
  });
}
