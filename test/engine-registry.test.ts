import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Clock, Store } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { ValidationError, VersionConflictError } from '../engine/errors.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { licensingRegion } from './helpers/licensingRegion.ts';

const applicant: Actor = { userId: 'u-applicant', region: 'north', roles: ['applicant'] };
const officer: Actor = { userId: 'u-officer', region: 'north', roles: ['officer'] };
const head: Actor = { userId: 'u-head', region: 'north', roles: ['head'] };

let now: Date;
const clock: Clock = { now: () => now };
let store: Store;
let engine: Engine;
beforeEach(async () => {
  store = memoryStore();
  await store.init();
  now = new Date('2025-01-09T10:00:00+03:00');
  engine = new Engine({ regions: [licensingRegion()], store, clock });
});

/** Takes a licence application through to the grant; returns the licence number. */
async function grant(name = 'ООО «Ромашка»'): Promise<string> {
  const { application } = await engine.startApplication('north', 'licence', { applicant: { name, inn: '7707083893' } }, applicant);
  for (const [event, payload, actor] of [
    ['REGISTER', undefined, officer],
    ['REVIEW', { result: { decision: 'approve' } }, officer],
    ['SIGN', undefined, head],
    ['NOTIFY', undefined, officer],
  ] as const) {
    await engine.send(application.id, event, payload, actor);
  }
  return (await engine.view(application.id, applicant)).application.licence!;
}

const change = (number: string, name = 'ООО «Лютик»', endDate?: string) => ({ applicant: { name }, licence: { number, ...(endDate ? { endDate } : {}) } });

describe('registry effects', () => {
  it('numbers licences in sequence within the year of the decision', async () => {
    expect(await grant()).toBe('ЛИЦ-2025-0001');
    expect(await grant()).toBe('ЛИЦ-2025-0002');
    now = new Date('2026-02-02T10:00:00+03:00');
    expect(await grant()).toBe('ЛИЦ-2026-0003');
  });

  it('amends the attributes a procedure sets and links the application to the licence', async () => {
    const number = await grant();
    const { application } = await engine.startApplication('north', 'amend', change(number), applicant);
    const amended = await engine.send(application.id, 'APPROVE', undefined, officer);
    expect(amended.application).toMatchObject({ state: 'amended', licence: number });
    const licence = await store.getLicence('north', number);
    expect(licence).toMatchObject({ status: 'active', version: 2, attributes: { name: 'ООО «Лютик»', inn: '7707083893' } });
    expect(licence!.applications).toEqual([licence!.applications[0], application.id]);
  });

  it('ends a licence on the date asked for when it is later than the decision, else on the decision date', async () => {
    const later = await grant();
    const earlier = await grant();
    const a = await engine.startApplication('north', 'close', change(later, 'x', '2025-03-01'), applicant);
    const b = await engine.startApplication('north', 'close', change(earlier, 'x', '2025-01-01'), applicant);
    now = new Date('2025-01-20T10:00:00+03:00');
    const closed = await engine.send(a.application.id, 'SIGN', undefined, head);
    await engine.send(b.application.id, 'SIGN', undefined, head);
    expect(closed.application).toMatchObject({ outcome: 'terminated', milestones: { decision: '2025-01-20' } });
    expect(await store.getLicence('north', later)).toMatchObject({ status: 'terminated', terminatedOn: '2025-03-01', version: 2 });
    expect(await store.getLicence('north', earlier)).toMatchObject({ status: 'terminated', terminatedOn: '2025-01-20' });
    const notice = await engine.document(closed.application.documents[0].id, applicant);
    expect(notice.html).toContain(`Лицензия № ${later} прекращена с 01.03.2025.`);
    expect((await engine.searchLicences({ region: 'north', status: 'active', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('refuses to act on a licence that is not in the registry or has ended, and writes nothing', async () => {
    const number = await grant();
    const unknown = await engine.startApplication('north', 'close', change('ЛИЦ-1999-0001'), applicant);
    const error = await engine.send(unknown.application.id, 'SIGN', undefined, head).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ path: 'licence.number', message: 'Лицензия № ЛИЦ-1999-0001 не найдена в реестре', keyword: 'licence' }]);
    expect((await engine.view(unknown.application.id, head)).application.version).toBe(1);

    await engine.send((await engine.startApplication('north', 'close', change(number), applicant)).application.id, 'SIGN', undefined, head);
    const again = await engine.startApplication('north', 'amend', change(number), applicant);
    await expect(engine.send(again.application.id, 'APPROVE', undefined, officer)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.getLicence('north', number)).toMatchObject({ status: 'terminated', version: 2 });
  });

  it('lets only one of two applications changing one licence at once win', async () => {
    const number = await grant();
    const first = await engine.startApplication('north', 'amend', change(number, 'Первое'), applicant);
    const second = await engine.startApplication('north', 'close', change(number), applicant);
    const results = await Promise.allSettled([
      engine.send(first.application.id, 'APPROVE', undefined, officer),
      engine.send(second.application.id, 'SIGN', undefined, head),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await store.getLicence('north', number))!.version).toBe(2);
  });
});
