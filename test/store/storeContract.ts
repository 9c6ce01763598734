/**
 * The Store contract: every implementation (memory, lowdb, later PostgreSQL) must pass this suite.
 * `storeContract(name, makeStore)` registers the tests; `makeStore()` gives a fresh, empty store
 * location whose `open()` returns a not-yet-initialised Store on it (called again to re-open it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApplicationRecord, IdempotencyClaim, IdempotencyRecord, LicenceRecord, NewApplication, ReadQuery, ReadRecord, Store, StoredDocument, UploadRecord } from '../../engine/api.ts';
import { IdempotencyConflictError, TransitionError, VersionConflictError } from '../../engine/errors.ts';
import { applicationRecord, contentOf, deliveryRecord, documentRecord, draftRecord, licenceRecord, notificationRecord, numbered, uploadRecord } from './records.ts';

export { applicationRecord, documentRecord, licenceRecord, numbered };

export interface StoreLocation {
  open(): Store;
  /** False for stores that keep nothing after close (the memory store): re-open tests are skipped. */
  readonly persistent: boolean;
}

const NONE = { documents: [], licences: [] } as const;
const due16 = { date: '2025-01-16', provisional: false };

export function storeContract(name: string, makeStore: () => StoreLocation): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    async function fresh(location = makeStore()): Promise<Store> {
      const store = location.open();
      await store.init();
      opened.push(store);
      return store;
    }
    async function reopen(location: StoreLocation, store: Store): Promise<Store> {
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      return fresh(location);
    }

    it('returns a created application as written, and nothing for an unknown id', async () => {
      const store = await fresh();
      const app = applicationRecord();
      await store.createApplication(numbered(app, NONE));
      expect(await store.getApplication('app-1')).toEqual(app);
      expect(await store.getApplication('nope')).toBeUndefined();
      expect(await store.getApplication('../app-1')).toBeUndefined();
    });

    it("keeps an application's time as written: phases, suspensions and the clocks its history stopped and restarted", async (ctx) => {
      const location = makeStore();
      const store = await fresh(location);
      const app = applicationRecord({
        serviceDeadline: 'total',
        phases: { review: { startedOn: '2025-01-09', due: { date: '2025-01-30', provisional: false }, closedOn: null } },
        suspensions: [{ deadlines: ['total', 'review'], since: '2025-01-13', until: '2025-01-20', resumedOn: null, by: 'state:awaitingInfo', clause: '5.10' }],
        history: [{ seq: 1, at: '2025-01-13T09:00:00.000Z', actor: { userId: 'o', roles: ['officer'] }, event: 'REQUEST_INFO', from: 'review', to: 'awaitingInfo', payloadHash: 'x', clocks: { stopped: ['total', 'review'] } }],
      });
      await store.createApplication(numbered(app, NONE));
      expect(await store.getApplication('app-1')).toEqual(app);
      const resumed = applicationRecord({ ...app, version: 2, suspensions: [{ ...app.suspensions![0]!, resumedOn: '2025-01-15' }] });
      await store.updateApplication(resumed, 1, NONE);
      expect(await store.getApplication('app-1')).toEqual(resumed);
      if (!location.persistent) ctx.skip();
      expect(await (await reopen(location, store)).getApplication('app-1')).toEqual(resumed);
    });

    it('refuses a second application with the same id', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      await expect(store.createApplication(numbered(applicationRecord({ state: 'other' }), NONE))).rejects.toBeInstanceOf(VersionConflictError);
      expect((await store.getApplication('app-1'))?.state).toBe('review');
    });

    it('does not let a caller change stored data by mutating what it wrote or read', async () => {
      const store = await fresh();
      const app = structuredClone(applicationRecord()) as { submission: Record<string, unknown> } & ApplicationRecord;
      await store.createApplication(numbered(app, NONE));
      app.submission.applicant = 'changed';
      const read = (await store.getApplication('app-1')) as typeof app;
      read.submission.applicant = 'changed again';
      expect((await store.getApplication('app-1'))?.submission).toEqual(applicationRecord().submission);
    });

    it('updates an application whose stored version is the expected one', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      const next = applicationRecord({ version: 2, state: 'signing', stepDue: null });
      await store.updateApplication(next, 1, NONE);
      expect(await store.getApplication('app-1')).toEqual(next);
    });

    it('refuses a stale update with VersionConflictError and keeps the stored record', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      await store.updateApplication(applicationRecord({ version: 2, state: 'signing' }), 1, NONE);
      const stale = store.updateApplication(applicationRecord({ version: 2, state: 'refused' }), 1, NONE);
      await expect(stale).rejects.toMatchObject({ name: 'VersionConflictError', id: 'app-1', expected: 1, actual: 2 });
      expect((await store.getApplication('app-1'))?.state).toBe('signing');
    });

    it('refuses an update of an application that does not exist', async () => {
      const store = await fresh();
      await expect(store.updateApplication(applicationRecord({ version: 2 }), 1, NONE)).rejects.toMatchObject({ expected: 1, actual: 0 });
    });

    it('lets exactly one of two concurrent updates of one version win', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      const results = await Promise.allSettled([
        store.updateApplication(applicationRecord({ version: 2, state: 'a' }), 1, NONE),
        store.updateApplication(applicationRecord({ version: 2, state: 'b' }), 1, NONE),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(VersionConflictError);
      const winner = results[0].status === 'fulfilled' ? 'a' : 'b';
      expect(await store.getApplication('app-1')).toMatchObject({ version: 2, state: winner });
    });

    it('lists by region with filters, total and pages, overdue steps first', async () => {
      const store = await fresh();
      const apps = [
        applicationRecord({ id: 'a', stepDue: { date: '2025-01-20', provisional: false }, receivedAt: '2025-01-10T09:00:00+03:00' }),
        applicationRecord({ id: 'b', stepDue: { date: '2025-01-14', provisional: false }, applicantId: 'user-2' }),
        applicationRecord({ id: 'c', stepDue: null, state: 'granted', final: true }),
        // Same due date as a, received earlier (08:00 MSK is 05:00Z, before 09:00 MSK written as 06:00Z).
        applicationRecord({ id: 'd', stepDue: { date: '2025-01-20', provisional: false }, receivedAt: '2025-01-10T05:00:00Z' }),
        applicationRecord({ id: 'e', region: 'r2', stepDue: { date: '2025-01-01', provisional: false } }),
        applicationRecord({ id: 'f', number: '2025-0004', service: 'other', stepDue: { date: '2025-01-15', provisional: false } }),
      ];
      for (const app of apps) await store.createApplication(numbered(app, NONE));
      const ids = async (query: Partial<Parameters<Store['listApplications']>[0]>) => {
        const page = await store.listApplications({ region: 'r1', limit: 100, offset: 0, ...query });
        return { ids: page.items.map((a) => a.id), total: page.total };
      };
      expect(await ids({})).toEqual({ ids: ['b', 'f', 'd', 'a', 'c'], total: 5 });
      expect(await ids({ limit: 2, offset: 1 })).toEqual({ ids: ['f', 'd'], total: 5 });
      expect(await ids({ offset: 10 })).toEqual({ ids: [], total: 5 });
      expect(await ids({ service: 'other' })).toEqual({ ids: ['f'], total: 1 });
      expect(await ids({ state: 'granted' })).toEqual({ ids: ['c'], total: 1 });
      expect(await ids({ final: false })).toEqual({ ids: ['b', 'f', 'd', 'a'], total: 4 });
      expect(await ids({ applicantId: 'user-2' })).toEqual({ ids: ['b'], total: 1 });
      // Overdue on the 16th: due the 14th or 15th; a step due on the 16th itself is not yet overdue.
      expect(await ids({ overdueOn: '2025-01-16' })).toEqual({ ids: ['b', 'f'], total: 2 });
      expect(await ids({ overdueOn: '2025-01-15' })).toEqual({ ids: ['b'], total: 1 });
      expect(await ids({ region: 'r2' })).toEqual({ ids: ['e'], total: 1 });
    });

    it('lists an application by its latest state after an update', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      await store.updateApplication(applicationRecord({ version: 2, state: 'granted', final: true, stepDue: null }), 1, NONE);
      expect((await store.listApplications({ region: 'r1', state: 'review', limit: 10, offset: 0 })).total).toBe(0);
      expect((await store.listApplications({ region: 'r1', final: true, limit: 10, offset: 0 })).items[0]?.version).toBe(2);
    });

    it('writes licences and documents together with the application', async () => {
      const store = await fresh();
      const licence = licenceRecord();
      const document = documentRecord();
      await store.createApplication(numbered(applicationRecord({ licence: licence.number }), { documents: [document], licences: [licence] }));
      expect(await store.getLicence('r1', licence.number)).toEqual(licence);
      expect(await store.getLicence('r2', licence.number)).toBeUndefined();
      expect(await store.getDocument('doc-1')).toEqual(document);
      expect(await store.getDocument('doc-2')).toBeUndefined();
    });

    it('searches licences by number, status and attribute, in issue order', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), {
        documents: [],
        licences: [
          licenceRecord({ number: 'L-2', issuedOn: '2025-02-01', attributes: { inn: 7707083893, name: 'Б' } }),
          licenceRecord({ number: 'L-1', issuedOn: '2025-01-01', attributes: { inn: '7707083893', name: 'А' } }),
          licenceRecord({ number: 'L/3', issuedOn: '2025-02-15', status: 'terminated', terminatedOn: '2025-03-01', attributes: { inn: '500100732259' } }),
          licenceRecord({ number: 'L-1', region: 'r2' }),
        ],
      }));
      const numbers = async (query: Partial<Parameters<Store['searchLicences']>[0]>) => {
        const page = await store.searchLicences({ region: 'r1', limit: 10, offset: 0, ...query });
        return [page.items.map((l) => l.number), page.total];
      };
      expect(await numbers({})).toEqual([['L-1', 'L-2', 'L/3'], 3]);
      expect(await numbers({ number: 'L/3' })).toEqual([['L/3'], 1]);
      expect(await numbers({ status: 'active' })).toEqual([['L-1', 'L-2'], 2]);
      expect(await numbers({ attribute: { id: 'inn', value: '7707083893' } })).toEqual([['L-1', 'L-2'], 2]);
      expect(await numbers({ attribute: { id: 'constructor', value: 'x' } })).toEqual([[], 0]);
      expect(await numbers({ limit: 1, offset: 1 })).toEqual([['L-2'], 3]);
    });

    it('searches licences by part of the number or of the attributes it is told to search, case- and ё/е-insensitively', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), {
        documents: [],
        licences: [
          licenceRecord({ number: '2025-0001', issuedOn: '2025-01-01', attributes: { name: 'ООО «СеверМеталлРесурс»', inn: '3525000001', address: 'г. Вологда, ул. Ленина, 1', secret: 'тайна' } }),
          licenceRecord({ number: '2025-0002', issuedOn: '2025-01-02', attributes: { name: 'ИП Соловьёв Пётр', inn: 352500000290, address: 'г. Череповец' } }),
          licenceRecord({ number: '2025-0003', region: 'r2', attributes: { name: 'ООО «СеверМеталл»' } }),
        ],
      }));
      const numbers = async (text: string) => {
        const page = await store.searchLicences({ region: 'r1', text, textAttributes: ['name', 'inn', 'address'], limit: 10, offset: 0 });
        return [page.items.map((l) => l.number), page.total];
      };
      expect(await numbers('СеверМеталл')).toEqual([['2025-0001'], 1]);
      expect(await numbers('северметалл ресурс')).toEqual([['2025-0001'], 1]);
      expect(await numbers('соловьев петр')).toEqual([['2025-0002'], 1]);
      expect(await numbers('35250000')).toEqual([['2025-0001', '2025-0002'], 2]);
      expect(await numbers('ЛЕНИНА')).toEqual([['2025-0001'], 1]);
      expect(await numbers('0002')).toEqual([['2025-0002'], 1]);
      // An attribute the query does not name is not searched.
      expect(await numbers('тайна')).toEqual([[], 0]);
      expect(await numbers('северметалл вологда')).toEqual([['2025-0001'], 1]);
      expect(await numbers('северметалл череповец')).toEqual([[], 0]);
    });

    it('changes a licence only one version at a time, and then writes nothing else', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), { documents: [], licences: [licenceRecord()] }));
      await store.createApplication(numbered(applicationRecord({ id: 'app-2' }), NONE));
      const amended = licenceRecord({ version: 2, attributes: { name: 'ООО «Лютик»' }, applications: ['app-1', 'app-2'] });
      await store.updateApplication(applicationRecord({ id: 'app-2', version: 2 }), 1, { documents: [], licences: [amended] });
      expect(await store.getLicence('r1', 'L-2025-0001')).toEqual(amended);

      // A second change written from the same old licence version loses, and its application and documents stay unwritten.
      const late = store.updateApplication(applicationRecord({ version: 2, state: 'late' }), 1, {
        documents: [documentRecord({ id: 'doc-late' })],
        licences: [licenceRecord({ version: 2, status: 'terminated' })],
      });
      await expect(late).rejects.toMatchObject({ name: 'VersionConflictError', id: 'L-2025-0001', expected: 1, actual: 2 });
      expect((await store.getApplication('app-1'))?.version).toBe(1);
      expect(await store.getDocument('doc-late')).toBeUndefined();
      // A licence number already taken cannot be issued again.
      await expect(
        store.createApplication(numbered(applicationRecord({ id: 'app-3' }), { documents: [], licences: [licenceRecord()] })),
      ).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store.getApplication('app-3')).toBeUndefined();
    });

    describe('inbox', () => {
      const summary = (name: string | null, over: Partial<NonNullable<ApplicationRecord['summary']>> = {}) => ({
        applicantName: name,
        applicantIds: name === null ? [] : [{ title: 'ИНН', value: '7707083893' }],
        licences: [],
        serviceTitle: 'Выдача лицензии',
        stepTitle: 'Рассмотрение',
        stepRole: 'officer',
        ...over,
      });
      const due = (date: string) => ({ date, provisional: false });
      const seed = async (store: Store) => {
        const apps = [
          applicationRecord({ id: 'a', number: '2025-0005', summary: summary('ООО «Ёлка»'), stepDue: due('2025-01-20'), receivedAt: '2025-01-10T09:00:00+03:00' }),
          applicationRecord({ id: 'b', number: '2025-0002', summary: summary('ООО «СеверМеталлРесурс»', { applicantIds: [{ title: 'ИНН', value: '3525000001' }] }), stepDue: due('2025-01-14'), applicantId: 'user-2' }),
          applicationRecord({ id: 'c', number: '2025-0010', summary: summary('АО «Альфа»', { stepTitle: 'Выдано', stepRole: null }), state: 'granted', final: true, stepDue: null, licence: '2025-0007' }),
          applicationRecord({ id: 'd', number: '2025-0001', summary: summary('ООО «Ель»'), stepDue: due('2025-01-20'), receivedAt: '2025-01-10T05:00:00Z' }),
          applicationRecord({ id: 'e', region: 'r2', summary: summary('ООО «СеверМеталлРесурс»'), stepDue: due('2025-01-01') }),
          applicationRecord({ id: 'f', number: '2025-0004', service: 'other', summary: summary(null, { serviceTitle: 'Другая', stepTitle: 'Подписание', stepRole: 'head', licences: ['2024-0042'] }), state: 'signing', stepDue: due('2025-01-15') }),
          applicationRecord({ id: 'g', number: '2025-0003', summary: summary('ООО «Бета»'), stepDue: due('2025-01-17'), assignee: { userId: 'officer-1', name: 'Иванова И. И.' } }),
        ];
        for (const app of apps) await store.createApplication(numbered(app, NONE));
      };
      const list = async (store: Store, query: Partial<Parameters<Store['listInbox']>[0]>) => {
        const page = await store.listInbox({ region: 'r1', sort: 'stepDue', direction: 'asc', limit: 100, offset: 0, ...query });
        return { ids: page.items.map((row) => row.id), total: page.total, exact: page.totalExact };
      };

      it('returns summary rows, never the submission or the history', async () => {
        const store = await fresh();
        await seed(store);
        const page = await store.listInbox({ region: 'r1', sort: 'stepDue', direction: 'asc', limit: 1, offset: 0 });
        expect(page.items[0]).toEqual({
          id: 'b',
          number: '2025-0002',
          region: 'r1',
          service: 'svc',
          serviceTitle: 'Выдача лицензии',
          state: 'review',
          stepTitle: 'Рассмотрение',
          stepRole: 'officer',
          final: false,
          outcome: null,
          applicantId: 'user-2',
          applicantName: 'ООО «СеверМеталлРесурс»',
          applicantIds: [{ title: 'ИНН', value: '3525000001' }],
          licences: [],
          assignee: null,
          receivedAt: '2025-01-09T10:00:00+03:00',
          stepDue: due('2025-01-14'),
          phaseDue: null,
          serviceDue: due('2025-01-23'),
          version: 1,
        });
        expect(page.items[0]).not.toHaveProperty('submission');
        expect(page.items[0]).not.toHaveProperty('history');
        expect(page.total).toBe(6);
      });

      it('sorts by any column either way, a missing value last going up, the id breaking ties', async () => {
        const store = await fresh();
        await seed(store);
        // Due 14, 15, 17, 20 (a and d: the id decides), none (c).
        expect((await list(store, {})).ids).toEqual(['b', 'f', 'g', 'a', 'd', 'c']);
        expect((await list(store, { direction: 'desc' })).ids).toEqual(['c', 'd', 'a', 'g', 'f', 'b']);
        // «Ёлка» sorts as «елка»: after «Альфа» and «Бета», before «Ель» (к < ь); f has no applicant name.
        expect((await list(store, { sort: 'applicant' })).ids).toEqual(['c', 'g', 'a', 'd', 'b', 'f']);
        expect((await list(store, { sort: 'applicant', direction: 'desc' })).ids).toEqual(['f', 'b', 'd', 'a', 'g', 'c']);
        // The default receipt is 9 Jan; on 10 Jan, 05:00Z (d) is before 09:00 MSK = 06:00Z (a).
        expect((await list(store, { sort: 'receivedAt' })).ids).toEqual(['b', 'c', 'f', 'g', 'd', 'a']);
        expect((await list(store, { sort: 'service' })).ids.at(-1)).toBe('f');
        expect((await list(store, { sort: 'step' })).ids).toEqual(['c', 'f', 'a', 'b', 'd', 'g']);
        expect((await list(store, { sort: 'serviceDue', limit: 2, offset: 1 })).ids).toEqual(['b', 'c']);
        expect((await list(store, { sort: 'number' })).ids).toEqual(['d', 'b', 'g', 'f', 'a', 'c']);
        expect((await list(store, { sort: 'number', direction: 'desc', limit: 2 })).ids).toEqual(['c', 'a']);
      });

      it('filters by open or finished, service, steps, holder, applicant and overdue, with exact small totals', async () => {
        const store = await fresh();
        await seed(store);
        expect(await list(store, { final: false })).toEqual({ ids: ['b', 'f', 'g', 'a', 'd'], total: 5, exact: true });
        expect(await list(store, { final: true })).toEqual({ ids: ['c'], total: 1, exact: true });
        expect((await list(store, { service: 'other' })).ids).toEqual(['f']);
        expect((await list(store, { steps: [{ service: 'other', state: 'signing' }, { service: 'svc', state: 'granted' }] })).ids).toEqual(['f', 'c']);
        expect((await list(store, { steps: [{ service: 'svc', state: 'signing' }] })).ids).toEqual([]);
        expect((await list(store, { state: 'review', final: false, limit: 2 }))).toEqual({ ids: ['b', 'g'], total: 4, exact: true });
        expect((await list(store, { assignee: 'officer-1' })).ids).toEqual(['g']);
        expect(await list(store, { assignee: 'officer-1', final: false, sort: 'applicant' })).toEqual({ ids: ['g'], total: 1, exact: true });
        expect((await list(store, { assignee: 'officer-1', final: false, steps: [{ service: 'other', state: 'signing' }] })).ids).toEqual([]);
        expect((await list(store, { applicantId: 'user-2' })).ids).toEqual(['b']);
        // On 16 Jan, steps due on the 14th and 15th are overdue; the 17th and 20th are not.
        expect(await list(store, { overdueOn: '2025-01-16' })).toEqual({ ids: ['b', 'f'], total: 2, exact: true });
        expect((await list(store, { overdueOn: '2025-01-16', sort: 'applicant', direction: 'desc' })).ids).toEqual(['f', 'b']);
        expect((await list(store, { region: 'r2' })).ids).toEqual(['e']);
      });

      it('finds cases by part of the applicant name, ИНН, id or licence number, case- and ё/е-insensitively', async () => {
        const store = await fresh();
        await seed(store);
        expect((await list(store, { text: 'СеверМеталл' })).ids).toEqual(['b']);
        expect((await list(store, { text: 'северметаллресурс' })).ids).toEqual(['b']);
        expect((await list(store, { text: 'елка' })).ids).toEqual(['a']);
        expect((await list(store, { text: 'ЁЛК' })).ids).toEqual(['a']);
        expect((await list(store, { text: 'ООО ель' })).ids).toEqual(['d']);
        expect((await list(store, { text: '3525' })).ids).toEqual(['b']);
        expect((await list(store, { text: '7707083893', final: false })).total).toBe(3);
        expect((await list(store, { text: '2024-0042' })).ids).toEqual(['f']);
        expect((await list(store, { text: '0007' })).ids).toEqual(['c']);
        expect((await list(store, { text: '2025-0004' })).ids).toEqual(['f']);
        expect((await list(store, { text: 'ооо', overdueOn: '2025-01-16' })).ids).toEqual(['b']);
        expect((await list(store, { text: 'нет такого' })).ids).toEqual([]);
        expect((await list(store, { text: 'е' })).total).toBe(4);
      });

      it('keeps each row current as the application changes', async () => {
        const store = await fresh();
        await seed(store);
        const g = (await store.getApplication('g'))!;
        await store.updateApplication({ ...g, version: 2, state: 'signing', stepDue: due('2025-01-10'), assignee: null, summary: summary('ООО «Гамма»', { stepTitle: 'Подписание' }) }, 1, NONE);
        expect((await list(store, { assignee: 'officer-1' })).ids).toEqual([]);
        expect((await list(store, { assignee: 'officer-1', final: false })).ids).toEqual([]);
        expect((await list(store, { text: 'бета' })).ids).toEqual([]);
        expect((await list(store, { text: 'гамма' })).ids).toEqual(['g']);
        expect((await list(store, { state: 'signing' })).ids).toEqual(['g', 'f']);
        expect((await list(store, {})).ids[0]).toBe('g');
      });
    });

    it('tells a watcher of every acknowledged write, with its application and version', async () => {
      const store = await fresh();
      const heard: unknown[] = [];
      const stop = await store.watch((change) => heard.push(change));
      await store.createApplication(numbered(applicationRecord(), NONE));
      await store.updateApplication(applicationRecord({ version: 2, state: 'signing' }), 1, NONE);
      await expect(store.updateApplication(applicationRecord({ version: 2 }), 1, NONE)).rejects.toBeInstanceOf(VersionConflictError);
      await expect.poll(() => heard.length).toBe(2);
      expect(heard).toEqual([
        { id: expect.any(String), applicationId: 'app-1', region: 'r1', applicantId: 'user-1', version: 1 },
        { id: expect.any(String), applicationId: 'app-1', region: 'r1', applicantId: 'user-1', version: 2 },
      ]);
      expect((heard[0] as { id: string }).id).not.toBe((heard[1] as { id: string }).id);
      await stop();
      await store.createApplication(numbered(applicationRecord({ id: 'app-2' }), NONE));
      await store.createApplication(numbered(applicationRecord({ id: 'app-3' }), NONE));
      // A later watcher hears app-3's next version (and may hear the creations just before it: on a
      // shared database their announcements can arrive after it started); the first one nothing more.
      const later: { applicationId: string; version: number }[] = [];
      await store.watch((change) => later.push(change));
      await store.updateApplication(applicationRecord({ id: 'app-3', version: 2 }), 1, NONE);
      await expect.poll(() => later.some((c) => c.applicationId === 'app-3' && c.version === 2)).toBe(true);
      expect(heard).toHaveLength(2);
    });

    it('gives reports every application of a region with its moves, assignments left out', async () => {
      const store = await fresh();
      const history = [
        { seq: 1, at: '2025-01-09T07:00:00.000Z', actor: { userId: 'user-1', roles: ['applicant'] }, event: 'SUBMIT', from: null, to: 'review', payloadHash: 'x' },
        { seq: 2, at: '2025-01-10T07:00:00.000Z', actor: { userId: 'o', roles: ['officer'] }, event: '@take', from: 'review', to: 'review', payloadHash: 'x', assignee: { userId: 'o', name: 'О' } },
        { seq: 3, at: '2025-01-13T07:00:00.000Z', actor: { userId: 'o', roles: ['officer'] }, event: 'REVIEW', from: 'review', to: 'signing', payloadHash: 'x' },
      ];
      await store.createApplication(numbered(applicationRecord({ history, state: 'signing', assignee: { userId: 'o', name: 'О' } }), NONE));
      await store.createApplication(numbered(applicationRecord({ id: 'other', region: 'r2' }), NONE));
      const facts = await store.reportFacts('r1');
      expect(facts).toEqual([
        {
          id: 'app-1',
          service: 'svc',
          configVersion: 'v1',
          state: 'signing',
          final: false,
          outcome: null,
          receivedAt: '2025-01-09T10:00:00+03:00',
          stepDue: due16,
          assignee: { userId: 'o', name: 'О' },
          moves: [
            { at: '2025-01-09T07:00:00.000Z', from: null, to: 'review' },
            { at: '2025-01-13T07:00:00.000Z', from: 'review', to: 'signing' },
          ],
        },
      ]);
      expect(await store.reportFacts('r3')).toEqual([]);
    });

    it('numbers licences per region without repeating', async () => {
      const store = await fresh();
      const r1 = await Promise.all([store.nextLicenceSeq('r1'), store.nextLicenceSeq('r1'), store.nextLicenceSeq('r1')]);
      expect([...r1].sort()).toEqual([1, 2, 3]);
      expect(await store.nextLicenceSeq('r2')).toBe(1);
      expect(await store.nextLicenceSeq('r1')).toBe(4);
    });

    /** A new application numbered "<year>/<seq>" from the store's counter. */
    const counted = (over: Partial<ApplicationRecord>, effects: { documents?: StoredDocument[]; licences?: LicenceRecord[] } = {}): NewApplication => {
      const app = applicationRecord(over);
      const year = Number(app.receivedAt.slice(0, 4));
      return {
        id: app.id,
        notifies: [],
        counter: { region: app.region, year },
        licences: effects.licences ?? [],
        build: (seq) => ({ application: { ...app, number: `${year}/${seq}` }, documents: effects.documents ?? [] }),
      };
    };

    it('numbers applications 1, 2, 3 per region and year of receipt, and returns them as stored', async () => {
      const store = await fresh();
      const first = await store.createApplication(counted({ id: 'a' }));
      expect(first.number).toBe('2025/1');
      expect(await store.getApplication('a')).toEqual(first);
      expect((await store.createApplication(counted({ id: 'b' }))).number).toBe('2025/2');
      expect((await store.createApplication(counted({ id: 'c', region: 'r2' }))).number).toBe('2025/1');
      expect((await store.createApplication(counted({ id: 'd', receivedAt: '2026-01-01T00:30:00+03:00' }))).number).toBe('2026/1');
      expect((await store.createApplication(counted({ id: 'e' }))).number).toBe('2025/3');
    });

    it('gives concurrent filings distinct numbers without gaps', async () => {
      const store = await fresh();
      const created = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createApplication(counted({ id: `p${i}` }))));
      const seqs = created.map((a) => Number(a.number.split('/')[1])).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('uses up no number on a filing that is refused', async () => {
      const store = await fresh();
      await store.createApplication(counted({ id: 'a' }, { licences: [licenceRecord()] }));
      // The same id again, and a licence number already issued: both refused, neither takes a number.
      await expect(store.createApplication(counted({ id: 'a' }))).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store.createApplication(counted({ id: 'b' }, { licences: [licenceRecord()] }))).rejects.toBeInstanceOf(VersionConflictError);
      // A record that cannot be built (its builder throws) takes none either.
      await expect(
        store.createApplication({ ...counted({ id: 'c' }), build: () => { throw new Error('cannot render'); } }),
      ).rejects.toThrow('cannot render');
      expect((await store.createApplication(counted({ id: 'd' }))).number).toBe('2025/2');
      expect(await store.getApplication('b')).toBeUndefined();
    });

    it('continues the numbering after close and re-open', async (ctx) => {
      const location = makeStore();
      if (!location.persistent) ctx.skip();
      let store = await fresh(location);
      await store.createApplication(counted({ id: 'a' }));
      await store.createApplication(counted({ id: 'b' }));
      await store.createApplication(counted({ id: 'c', region: 'r2' }));
      store = await reopen(location, store);
      expect((await store.createApplication(counted({ id: 'd' }))).number).toBe('2025/3');
      expect((await store.createApplication(counted({ id: 'e', region: 'r2' }))).number).toBe('2025/2');
      store = await reopen(location, store);
      expect((await store.createApplication(counted({ id: 'f' }))).number).toBe('2025/4');
    });

    /** Uploads `content` as a new upload of user-1 made at `createdAt`; returns its record. */
    async function putUpload(store: Store, id: string, content: Buffer, createdAt = '2025-01-09T10:00:00.000Z'): Promise<UploadRecord> {
      const writer = await store.beginUpload(id);
      await pipeline(Readable.from([content.subarray(0, 3), content.subarray(3)]), writer.out);
      const record = uploadRecord({ id, size: content.length, createdAt });
      await writer.commit(record);
      return record;
    }
    const U1 = '00000000-0000-4000-8000-000000000001';
    const U2 = '00000000-0000-4000-8000-000000000002';
    const U3 = '00000000-0000-4000-8000-000000000003';

    it('keeps an upload with its record and gives back its content; an aborted one leaves nothing', async () => {
      const store = await fresh();
      const content = Buffer.from('%PDF-1.4 содержимое файла');
      const record = await putUpload(store, U1, content);
      expect(await store.getUpload(U1)).toEqual(record);
      expect(await contentOf(await store.openUpload(U1))).toEqual(content);
      const writer = await store.beginUpload(U2);
      writer.out.write(Buffer.from('half'));
      await writer.abort();
      expect(await store.getUpload(U2)).toBeUndefined();
      expect(await store.openUpload(U2)).toBeUndefined();
      expect(await store.getUpload('../x')).toBeUndefined();
      // A record that does not describe what arrived is refused.
      const short = await store.beginUpload(U3);
      await pipeline(Readable.from([Buffer.from('abc')]), short.out);
      await expect(short.commit(uploadRecord({ id: U3, size: 4 }))).rejects.toThrow(/3 bytes/);
      await short.abort();
      expect(await store.getUpload(U3)).toBeUndefined();
    });

    it('files uploads with an application, refusing one that is gone or another application\'s, and then writes nothing', async () => {
      const store = await fresh();
      await putUpload(store, U1, Buffer.from('one'));
      await putUpload(store, U2, Buffer.from('two'));
      await store.createApplication({ ...numbered(applicationRecord()), attachments: [U1] });
      expect((await store.getUpload(U1))?.applicationId).toBe('app-1');
      // An event of the same application files another one, and may name the first again.
      await store.updateApplication(applicationRecord({ version: 2 }), 1, { documents: [], licences: [], attachments: [U1, U2] });
      expect((await store.getUpload(U2))?.applicationId).toBe('app-1');
      await expect(store.createApplication({ ...numbered(applicationRecord({ id: 'app-2' })), attachments: [U1] })).rejects.toMatchObject({ name: 'AttachmentError', uploadId: U1, reason: 'taken' });
      await expect(store.createApplication({ ...numbered(applicationRecord({ id: 'app-2' })), attachments: [U3] })).rejects.toMatchObject({ name: 'AttachmentError', uploadId: U3, reason: 'missing' });
      expect(await store.getApplication('app-2')).toBeUndefined();
    });

    it('sweeps old drafts, then old uploads that no application was filed with and no draft refers to', async () => {
      const store = await fresh();
      await putUpload(store, U1, Buffer.from('filed'), '2025-01-01T00:00:00.000Z');
      await putUpload(store, U2, Buffer.from('in a draft'), '2025-01-01T00:00:00.000Z');
      await putUpload(store, U3, Buffer.from('abandoned'), '2025-01-01T00:00:00.000Z');
      const fresh4 = await putUpload(store, '00000000-0000-4000-8000-000000000004', Buffer.from('recent'), '2025-01-09T00:00:00.000Z');
      await store.createApplication({ ...numbered(applicationRecord()), attachments: [U1] });
      await store.saveDraft(draftRecord({ id: 'd-live', attachments: [U2], updatedAt: '2025-01-09T00:00:00.000Z' }), 0);
      await store.saveDraft(draftRecord({ id: 'd-old', attachments: [U3], updatedAt: '2025-01-02T00:00:00.000Z' }), 0);
      const swept = await store.sweep({ uploadsBefore: new Date('2025-01-08T00:00:00Z'), draftsBefore: new Date('2025-01-05T00:00:00Z') });
      expect(swept).toEqual({ uploads: 1, drafts: 1 });
      expect(await store.getDraft('d-old')).toBeUndefined();
      expect(await store.getDraft('d-live')).toBeDefined();
      expect(await store.getUpload(U3)).toBeUndefined();
      expect(await store.openUpload(U3)).toBeUndefined();
      expect(await contentOf(await store.openUpload(U1))).toEqual(Buffer.from('filed'));
      expect(await contentOf(await store.openUpload(U2))).toEqual(Buffer.from('in a draft'));
      expect(await store.getUpload(fresh4.id)).toEqual(fresh4);
      // Once its draft is gone, the draft's upload goes too.
      await store.deleteDraft('d-live');
      expect(await store.sweep({ uploadsBefore: new Date('2025-01-08T00:00:00Z'), draftsBefore: new Date('2025-01-05T00:00:00Z') })).toEqual({ uploads: 1, drafts: 0 });
      expect(await store.getUpload(U2)).toBeUndefined();
    });

    it('saves drafts with optimistic locking and lists an applicant\'s drafts of a region, last changed first', async () => {
      const store = await fresh();
      await store.saveDraft(draftRecord({ id: 'd1', updatedAt: '2025-01-09T10:00:00.000Z' }), 0);
      await store.saveDraft(draftRecord({ id: 'd2', updatedAt: '2025-01-09T11:00:00.000Z' }), 0);
      await store.saveDraft(draftRecord({ id: 'd3', applicantId: 'user-2' }), 0);
      await store.saveDraft(draftRecord({ id: 'd4', region: 'r2' }), 0);
      const next = draftRecord({ id: 'd1', version: 2, data: { applicant: { name: 'ООО «Лютик»' } }, updatedAt: '2025-01-09T12:00:00.000Z' });
      await store.saveDraft(next, 1);
      await expect(store.saveDraft(draftRecord({ id: 'd1', version: 2 }), 1)).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store.saveDraft(draftRecord({ id: 'd2' }), 0)).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store.getDraft('d1')).toEqual(next);
      expect((await store.listDrafts('r1', 'user-1')).map((d) => d.id)).toEqual(['d1', 'd2']);
      await store.deleteDraft('d1');
      expect(await store.getDraft('d1')).toBeUndefined();
      expect((await store.listDrafts('r1', 'user-1')).map((d) => d.id)).toEqual(['d2']);
    });

    it('keeps uploads, their application and drafts across close and re-open', async (ctx) => {
      const location = makeStore();
      if (!location.persistent) ctx.skip();
      let store = await fresh(location);
      const record = await putUpload(store, U1, Buffer.from('kept'));
      await putUpload(store, U2, Buffer.from('pending'));
      await store.createApplication({ ...numbered(applicationRecord()), attachments: [U1] });
      await store.saveDraft(draftRecord({ id: 'd1', attachments: [U2] }), 0);
      store = await reopen(location, store);
      expect(await store.getUpload(U1)).toEqual({ ...record, applicationId: 'app-1' });
      expect(await contentOf(await store.openUpload(U1))).toEqual(Buffer.from('kept'));
      expect(await contentOf(await store.openUpload(U2))).toEqual(Buffer.from('pending'));
      expect(await store.getDraft('d1')).toEqual(draftRecord({ id: 'd1', attachments: [U2] }));
      expect(await store.sweep({ uploadsBefore: new Date('2030-01-01T00:00:00Z'), draftsBefore: new Date('2000-01-01T00:00:00Z') })).toEqual({ uploads: 0, drafts: 0 });
    });

    it('writes notifications with the application and lists a user\'s, newest first, with the unread count', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), { documents: [], licences: [], notifications: [notificationRecord()] }));
      await store.updateApplication(applicationRecord({ version: 2 }), 1, {
        documents: [],
        licences: [],
        notifications: [notificationRecord({ id: 'n-2', createdAt: '2025-01-21T10:00:00.000Z' }), notificationRecord({ id: 'n-x', userId: 'user-2' })],
      });
      const mine = await store.listNotifications('user-1', 10);
      expect(mine.items.map((n) => n.id)).toEqual(['n-2', 'n-1']);
      expect(mine.unread).toBe(2);
      expect((await store.listNotifications('user-1', 1)).items.map((n) => n.id)).toEqual(['n-2']);
      await store.markNotificationsRead('user-1', ['n-1']);
      expect((await store.listNotifications('user-1', 10)).unread).toBe(1);
      await store.markNotificationsRead('user-1', 'all');
      expect(await store.listNotifications('user-1', 10)).toMatchObject({ unread: 0, items: [{ id: 'n-2', read: true }, { id: 'n-1', read: true }] });
      expect((await store.listNotifications('user-2', 10)).unread).toBe(1);
      // A refused write writes none of them.
      await expect(store.updateApplication(applicationRecord({ version: 2 }), 1, { documents: [], licences: [], notifications: [notificationRecord({ id: 'n-late' })] })).rejects.toBeInstanceOf(VersionConflictError);
      expect((await store.listNotifications('user-1', 10)).items.map((n) => n.id)).not.toContain('n-late');
    });

    it('keeps deliveries in an outbox: each due one given to one sender at a time until its outcome is recorded', async () => {
      const store = await fresh();
      await store.createApplication(
        numbered(applicationRecord(), { documents: [], licences: [], deliveries: [
          deliveryRecord({ id: 'mail-1' }),
          deliveryRecord({ id: 'mail-later', nextAttemptAt: '2025-01-20T12:00:00.000Z' }),
          deliveryRecord({ id: 'paper-1', channel: 'paper', to: 'г. Вологда, ул. Мира, д. 1' }),
        ] }),
      );
      const at = (time: string) => new Date(`2025-01-20T${time}:00.000Z`);
      expect((await store.claimDeliveries('email', at('10:00'), 10, 60_000)).map((d) => d.id)).toEqual(['mail-1']);
      // Held by the first taker for a minute: nobody else gets it meanwhile.
      expect(await store.claimDeliveries('email', at('10:00'), 10, 60_000)).toEqual([]);
      // The first taker failed to report (it crashed): after the lease it is due again.
      expect((await store.claimDeliveries('email', at('10:02'), 10, 60_000)).map((d) => d.id)).toEqual(['mail-1']);
      await store.updateDelivery(deliveryRecord({ id: 'mail-1', attempts: 1, lastError: 'greylisted', nextAttemptAt: '2025-01-20T10:10:00.000Z' }));
      expect(await store.claimDeliveries('email', at('10:05'), 10, 60_000)).toEqual([]);
      expect((await store.claimDeliveries('email', at('12:00'), 10, 60_000)).map((d) => d.id)).toEqual(['mail-1', 'mail-later']);
      const sent = deliveryRecord({ id: 'mail-1', status: 'sent', attempts: 2, finishedAt: '2025-01-20T12:00:01.000Z' });
      await store.updateDelivery(sent);
      expect(await store.getDelivery('app-1', 'mail-1')).toEqual(sent);
      expect(await store.getDelivery('app-2', 'mail-1')).toBeUndefined();
      // Final: never sent again, never changed again.
      expect((await store.claimDeliveries('email', at('23:00'), 10, 60_000)).map((d) => d.id)).toEqual(['mail-later']);
      await expect(store.updateDelivery({ ...sent, status: 'pending' })).rejects.toBeInstanceOf(TransitionError);
      expect((await store.listDeliveries({ region: 'r1', channel: 'paper', status: 'pending' })).map((d) => d.id)).toEqual(['paper-1']);
      await store.updateDelivery(deliveryRecord({ id: 'paper-1', channel: 'paper', to: 'г. Вологда, ул. Мира, д. 1', status: 'done', finishedBy: 'officer-1', finishedAt: '2025-01-21T09:00:00.000Z' }));
      expect(await store.listDeliveries({ region: 'r1', channel: 'paper', status: 'pending' })).toEqual([]);
      expect((await store.listDeliveries({ applicationId: 'app-1' })).map((d) => [d.id, d.status])).toEqual([
        ['mail-1', 'sent'],
        ['mail-later', 'pending'],
        ['paper-1', 'done'],
      ]);
    });

    it('finds nothing, without an error, for ids longer than any file name (ids come from request paths)', async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      const long = 'x'.repeat(1000);
      expect(await store.getDelivery('app-1', long)).toBeUndefined();
      expect(await store.getDelivery(long, long)).toBeUndefined();
      expect(await store.getUpload(long)).toBeUndefined();
      expect(await store.openUpload(long)).toBeUndefined();
      expect(await store.getDraft(long)).toBeUndefined();
      expect(await store.getDocument(long)).toBeUndefined();
      expect(await store.getApplication(long)).toBeUndefined();
    });

    it('keeps notifications and the outbox across close and re-open', async (ctx) => {
      const location = makeStore();
      if (!location.persistent) ctx.skip();
      let store = await fresh(location);
      await store.createApplication(numbered(applicationRecord(), { documents: [], licences: [], notifications: [notificationRecord()], deliveries: [deliveryRecord(), deliveryRecord({ id: 'del-2' })] }));
      await store.updateDelivery(deliveryRecord({ id: 'del-2', status: 'sent', attempts: 1, finishedAt: '2025-01-20T10:00:05.000Z' }));
      store = await reopen(location, store);
      expect((await store.listNotifications('user-1', 10)).items).toEqual([notificationRecord()]);
      expect((await store.claimDeliveries('email', new Date('2025-01-20T11:00:00Z'), 10, 60_000)).map((d) => d.id)).toEqual(['del-1']);
      expect((await store.getDelivery('app-1', 'del-2'))?.status).toBe('sent');
      expect((await store.listDeliveries({ applicationId: 'app-1' })).map((d) => d.id)).toEqual(['del-1', 'del-2']);
    });

    it('keeps config versions, the first save of a version winning', async () => {
      const store = await fresh();
      await store.saveConfigVersion('r1', 'abc123', { 'region.yaml': 'id: r1\n' });
      await store.saveConfigVersion('r1', 'abc123', { 'region.yaml': 'id: changed\n' });
      expect(await store.getConfigVersion('r1', 'abc123')).toEqual({ 'region.yaml': 'id: r1\n' });
      expect(await store.getConfigVersion('r2', 'abc123')).toBeUndefined();
      expect(await store.getConfigVersion('r1', 'other')).toBeUndefined();
    });

    it('remembers revoked sessions until their end, the later end winning, and across a re-open', async (ctx) => {
      const location = makeStore();
      let store = await fresh(location);
      await store.revokeSession({ id: 's1', until: '2025-03-03T18:00:00.000Z' });
      await store.revokeSession({ id: 's2', until: '2025-03-03T12:00:00.000Z' });
      await store.revokeSession({ id: 's2', until: '2025-03-03T11:00:00.000Z' }); // an earlier end does not shorten it
      await store.revokeSession({ id: 's3', until: '2025-03-03T20:00:00+03:00' });
      const byId = async (now: string) => Object.fromEntries((await store.revokedSessions(now)).map((s) => [s.id, Date.parse(s.until)]));
      expect(await byId('2025-03-03T10:00:00.000Z')).toEqual({ s1: Date.parse('2025-03-03T18:00:00Z'), s2: Date.parse('2025-03-03T12:00:00Z'), s3: Date.parse('2025-03-03T17:00:00Z') });
      // A session past its end is no longer listed.
      expect(Object.keys(await byId('2025-03-03T12:30:00.000Z')).sort()).toEqual(['s1', 's3']);
      if (!location.persistent) ctx.skip();
      store = await reopen(location, store);
      expect(Object.keys(await byId('2025-03-03T12:30:00.000Z')).sort()).toEqual(['s1', 's3']);
    });

    /** A claim of `key` by `owner` at `createdAt`, kept a day. */
    const claimOf = (key: string, createdAt = '2025-03-03T10:00:00.000Z', owner = 'user-1'): IdempotencyClaim => ({
      owner,
      key,
      fingerprint: `fp-${key}`,
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + 86_400_000).toISOString(),
    });
    /** A filing that claims `claim` and answers with its id and number. */
    const keyed = (id: string, claim: IdempotencyClaim): NewApplication => ({
      ...counted({ id }),
      idempotency: claim,
      build: (seq) => {
        const application = { ...applicationRecord({ id }), number: `2025/${seq}` };
        return { application, documents: [], response: { status: 201, body: JSON.stringify({ id, number: application.number }), location: `/api/applications/${id}` } };
      },
    });
    const conflictOf = async (write: Promise<unknown>): Promise<IdempotencyRecord> => {
      const error = await write.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyConflictError);
      return (error as IdempotencyConflictError).record;
    };

    it("keeps a filing's idempotency key with it: a repeat is refused with the first response and writes nothing", async () => {
      const store = await fresh();
      await store.createApplication(keyed('a', claimOf('k1')));
      const kept = await store.getIdempotency('user-1', 'k1', '2025-03-03T11:00:00.000Z');
      expect(kept).toMatchObject({ owner: 'user-1', key: 'k1', fingerprint: 'fp-k1', response: { status: 201, body: '{"id":"a","number":"2025/1"}', location: '/api/applications/a' } });
      expect(Date.parse(kept!.expiresAt)).toBe(Date.parse('2025-03-04T10:00:00.000Z'));
      const first = await conflictOf(store.createApplication(keyed('b', claimOf('k1', '2025-03-03T10:05:00.000Z'))));
      expect(first.response.body).toBe('{"id":"a","number":"2025/1"}');
      expect(await store.getApplication('b')).toBeUndefined();
      // The refused repeat took no number; another user's same key is another key.
      expect((await store.createApplication(keyed('c', claimOf('k1', '2025-03-03T10:06:00.000Z', 'user-2')))).number).toBe('2025/2');
      expect(await store.getIdempotency('user-2', 'k1', '2025-03-03T11:00:00.000Z')).toMatchObject({ response: { body: '{"id":"c","number":"2025/2"}' } });
      expect(await store.getIdempotency('user-1', 'other', '2025-03-03T11:00:00.000Z')).toBeUndefined();
    });

    it('lets exactly one of ten concurrent filings with one key through', async () => {
      const store = await fresh();
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.createApplication(keyed(`p${i}`, claimOf('same')))));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes.filter((o) => o.status === 'rejected')) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
      expect((await store.listApplications({ region: 'r1', limit: 20, offset: 0 })).total).toBe(1);
    });

    it('forgets a key once it expires, and lets it be used again', async () => {
      const store = await fresh();
      await store.createApplication(keyed('a', claimOf('k', '2025-03-03T10:00:00.000Z')));
      expect(await store.getIdempotency('user-1', 'k', '2025-03-04T09:59:59.000Z')).toBeDefined();
      expect(await store.getIdempotency('user-1', 'k', '2025-03-04T10:00:00.000Z')).toBeUndefined();
      await store.createApplication(keyed('b', claimOf('k', '2025-03-04T10:00:00.000Z')));
      expect(await store.getIdempotency('user-1', 'k', '2025-03-04T11:00:00.000Z')).toMatchObject({ response: { body: '{"id":"b","number":"2025/2"}' } });
    });

    it("keeps an update's key with it: a repeat is refused with the first response before any version check", async () => {
      const store = await fresh();
      await store.createApplication(numbered(applicationRecord(), NONE));
      const record = { ...claimOf('step'), response: { status: 200, body: '{"version":2}' } };
      await store.updateApplication(applicationRecord({ version: 2, state: 'signing' }), 1, { ...NONE, idempotency: record });
      const first = await conflictOf(store.updateApplication(applicationRecord({ version: 3, state: 'done' }), 2, { ...NONE, idempotency: { ...record, createdAt: '2025-03-03T10:01:00.000Z', response: { status: 200, body: '{"version":3}' } } }));
      expect(first.response).toEqual({ status: 200, body: '{"version":2}' });
      expect((await store.getApplication('app-1'))?.version).toBe(2);
      // The same repeat of the first step (expected version 1, now stale) gets the first answer too, not a conflict of versions.
      expect((await conflictOf(store.updateApplication(applicationRecord({ version: 2, state: 'signing' }), 1, { ...NONE, idempotency: record }))).response.body).toBe('{"version":2}');
    });

    it('keeps idempotency keys across close and re-open', async (ctx) => {
      const location = makeStore();
      if (!location.persistent) ctx.skip();
      let store = await fresh(location);
      await store.createApplication(keyed('a', claimOf('k1')));
      store = await reopen(location, store);
      expect(await store.getIdempotency('user-1', 'k1', '2025-03-03T12:00:00.000Z')).toMatchObject({ response: { body: '{"id":"a","number":"2025/1"}' } });
      await conflictOf(store.createApplication(keyed('b', claimOf('k1', '2025-03-03T12:00:00.000Z'))));
      store = await reopen(location, store);
      expect(await store.getIdempotency('user-1', 'k1', '2025-03-03T12:00:00.000Z')).toBeDefined();
    });

    const read = (over: Partial<ReadRecord>): ReadRecord => ({
      at: '2025-03-03T10:00:00.000Z',
      region: 'r1',
      userId: 'officer-1',
      roles: ['officer'],
      kind: 'application',
      id: 'app-1',
      applicationId: 'app-1',
      action: 'getApplication',
      requestId: 'req-1',
      ...over,
    });

    it('keeps the read audit: newest first, by region, application, user and time, in pages', async () => {
      const store = await fresh();
      await store.appendReads([read({ requestId: 'a' }), read({ at: '2025-03-03T11:00:00.000Z', userId: 'head-1', roles: ['head'], requestId: 'b' })]);
      await store.appendReads([
        read({ at: '2025-03-04T09:00:00.000Z', kind: 'document', id: 'doc-1', action: 'getDocument', requestId: 'c' }),
        read({ at: '2025-03-04T09:00:00.000Z', id: 'app-2', applicationId: 'app-2', requestId: 'd' }),
        read({ region: 'r2', requestId: 'e' }),
        read({ kind: 'attachment', id: 'up-1', applicationId: null, action: 'downloadUpload', at: '2025-03-02T08:00:00.000Z', requestId: 'f' }),
      ]);
      const ids = async (query: Partial<ReadQuery>) => {
        const page = await store.listReads({ region: 'r1', limit: 10, offset: 0, ...query });
        return { ids: page.items.map((r) => r.requestId), total: page.total };
      };
      // Newest first; two reads at the same instant: the later recorded first.
      expect(await ids({})).toEqual({ ids: ['d', 'c', 'b', 'a', 'f'], total: 5 });
      expect(await ids({ applicationId: 'app-1' })).toEqual({ ids: ['c', 'b', 'a'], total: 3 });
      expect(await ids({ userId: 'head-1' })).toEqual({ ids: ['b'], total: 1 });
      expect(await ids({ from: '2025-03-03T10:30:00.000Z', to: '2025-03-04T09:00:00.000Z' })).toEqual({ ids: ['b'], total: 1 });
      expect(await ids({ limit: 2, offset: 1 })).toEqual({ ids: ['c', 'b'], total: 5 });
      expect(await ids({ limit: 2, offset: 9 })).toEqual({ ids: [], total: 5 });
      expect(await ids({ region: 'r2' })).toEqual({ ids: ['e'], total: 1 });
      expect((await store.listReads({ region: 'r1', limit: 1, offset: 4 })).items).toEqual([read({ kind: 'attachment', id: 'up-1', applicationId: null, action: 'downloadUpload', at: '2025-03-02T08:00:00.000Z', requestId: 'f' })]);
    });

    it('drops only reads older than the retention, and keeps the rest across a re-open', async (ctx) => {
      const location = makeStore();
      let store = await fresh(location);
      await store.appendReads([read({ at: '2024-01-10T10:00:00.000Z', requestId: 'old' }), read({ at: '2025-03-03T10:00:00.000Z', requestId: 'new' })]);
      expect(await store.pruneReads('2025-01-01T00:00:00.000Z')).toBe(1);
      expect((await store.listReads({ region: 'r1', limit: 10, offset: 0 })).items.map((r) => r.requestId)).toEqual(['new']);
      if (!location.persistent) ctx.skip();
      store = await reopen(location, store);
      await store.appendReads([read({ at: '2025-03-03T12:00:00.000Z', requestId: 'after' })]);
      expect((await store.listReads({ region: 'r1', limit: 10, offset: 0 })).items.map((r) => r.requestId)).toEqual(['after', 'new']);
    });

    it('says it takes writes while open, and that it does not once closed', async () => {
      const location = makeStore();
      const store = location.open();
      await store.init();
      expect(store.health()).toEqual({ writable: true });
      await store.close();
      expect(store.health()).toMatchObject({ writable: false, reason: expect.stringMatching(/closed/) });
    });

    it('keeps everything across close and re-open', async (ctx) => {
      const location = makeStore();
      if (!location.persistent) ctx.skip();
      let store = await fresh(location);
      await store.createApplication(numbered(applicationRecord(), { documents: [documentRecord()], licences: [licenceRecord()] }));
      await store.updateApplication(applicationRecord({ version: 2, state: 'signing' }), 1, NONE);
      await store.createApplication(numbered(applicationRecord({ id: 'app-2', region: 'r2' }), NONE));
      await store.nextLicenceSeq('r1');
      await store.saveConfigVersion('r1', 'v1', { 'a.yaml': 'a' });
      store = await reopen(location, store);
      expect(await store.getApplication('app-1')).toEqual(applicationRecord({ version: 2, state: 'signing' }));
      expect((await store.listApplications({ region: 'r1', limit: 10, offset: 0 })).items.map((a) => a.id)).toEqual(['app-1']);
      expect((await store.listApplications({ region: 'r2', limit: 10, offset: 0 })).total).toBe(1);
      await expect(store.updateApplication(applicationRecord({ version: 2 }), 1, NONE)).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store.getLicence('r1', 'L-2025-0001')).toEqual(licenceRecord());
      expect((await store.searchLicences({ region: 'r1', attribute: { id: 'inn', value: '7707083893' }, limit: 10, offset: 0 })).total).toBe(1);
      expect(await store.getDocument('doc-1')).toEqual(documentRecord());
      expect(await store.nextLicenceSeq('r1')).toBe(2);
      expect(await store.getConfigVersion('r1', 'v1')).toEqual({ 'a.yaml': 'a' });
      expect((await store.listInbox({ region: 'r1', text: 'ромашка', sort: 'applicant', direction: 'asc', limit: 10, offset: 0 })).items).toMatchObject([
        { id: 'app-1', state: 'signing', version: 2 },
      ]);
      // Re-opening twice (a compacted index) changes nothing.
      store = await reopen(location, store);
      expect((await store.getApplication('app-1'))?.version).toBe(2);
      expect((await store.listApplications({ region: 'r1', limit: 10, offset: 0 })).total).toBe(1);
    });
  });
}
