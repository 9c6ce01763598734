import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ApplicationView, Clock, Store } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { ForbiddenError, NotFoundError, TransitionError, ValidationError, VersionConflictError } from '../engine/errors.ts';
import { payloadHash } from '../engine/application/payloadHash.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { licensingRegion } from './helpers/licensingRegion.ts';

/** A clock a test sets by hand. */
class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return this.at;
  }
  set(instant: string): void {
    this.at = new Date(instant);
  }
}

const applicant: Actor = { userId: 'u-applicant', region: 'north', roles: ['applicant'] };
const otherApplicant: Actor = { userId: 'u-other', region: 'north', roles: ['applicant'] };
const officer: Actor = { userId: 'u-officer', region: 'north', roles: ['officer'] };
const head: Actor = { userId: 'u-head', region: 'north', roles: ['head'] };
const support: Actor = { userId: 'u-support', region: 'north', roles: ['support'] };
const southOfficer: Actor = { userId: 'u-south', region: 'south', roles: ['officer', 'head', 'applicant'] };
const platform: Actor = { userId: 'u-platform', region: '*', roles: ['officer'] };

const submission = { applicant: { name: 'ООО «Ромашка» <script>alert(1)</script>', inn: '7707083893', phone: '+7 900 123-45-67' } };
const RECEIVED = '2024-12-27T17:30:00+03:00'; // a Friday, after the 16:45 Friday closing time

let store: Store;
let clock: ManualClock;
let engine: Engine;
let ids: number;
beforeEach(async () => {
  store = memoryStore();
  await store.init();
  clock = new ManualClock(new Date(RECEIVED));
  ids = 0;
  engine = new Engine({ regions: [licensingRegion()], store, clock, idGenerator: () => `id-${++ids}` });
});

/** Sends `event` at `instant` and returns the view. */
async function at(instant: string, id: string, event: string, payload: unknown, actor: Actor): Promise<ApplicationView> {
  clock.set(instant);
  return engine.send(id, event, payload, actor);
}

const approve = { result: { decision: 'approve' } };

describe('an application from submission to licence', () => {
  it('runs every step with its due dates, history, registry entry and escaped notice', async () => {
    const started = await engine.startApplication('north', 'licence', submission, applicant);
    const id = started.application.id;
    // Received after Friday's closing time: registered on the next working day, the transferred working Saturday.
    expect(started.application).toMatchObject({
      id: 'id-1',
      configVersion: 'v1',
      receivedAt: '2024-12-27T14:30:00.000Z',
      registeredOn: '2024-12-28',
      state: 'registration',
      stepStartedOn: '2024-12-28',
      stepDue: { date: '2024-12-28', provisional: false },
      // 10 working days after 28.12: the new-year holidays end on 8.01, so 9.01 … 22.01.
      serviceDue: { date: '2025-01-22', provisional: false },
      milestones: { registration: '2024-12-28' },
      fee: { feeId: 'duty', amount: 7500 },
      version: 1,
    });
    expect(started.step).toEqual({ id: 'registration', title: 'Регистрация', role: 'officer', overdue: false });
    expect(started.allowedEvents).toEqual([{ event: 'WITHDRAW', title: 'Отозвать заявление', payloadForm: null }]);

    const registered = await at('2025-01-09T10:00:00+03:00', id, 'REGISTER', undefined, officer);
    expect(registered.application).toMatchObject({ state: 'review', stepStartedOn: '2025-01-09', stepDue: { date: '2025-01-16' }, version: 2 });
    expect(registered.step.overdue).toBe(false);
    expect(registered.allowedEvents.map((e) => e.event)).toEqual(['REVIEW']);

    const reviewed = await at('2025-01-15T12:00:00+03:00', id, 'REVIEW', approve, officer);
    expect(reviewed.application).toMatchObject({ state: 'signing', stepStartedOn: '2025-01-15', stepDue: { date: '2025-01-17' }, data: { REVIEW: approve } });

    // Signed on Friday evening: the decision milestone is that day; notification is due 3 working days later.
    const signed = await at('2025-01-17T18:30:00+03:00', id, 'SIGN', {}, head);
    expect(signed.application).toMatchObject({ state: 'notification', milestones: { registration: '2024-12-28', decision: '2025-01-17' }, stepDue: { date: '2025-01-22' } });

    const done = await at('2025-01-20T09:00:00+03:00', id, 'NOTIFY', undefined, officer);
    expect(done.application).toMatchObject({ state: 'granted', final: true, outcome: 'granted', stepDue: null, licence: 'ЛИЦ-2025-0001', version: 5 });
    expect(done.allowedEvents).toEqual([]);
    expect(done.step).toMatchObject({ id: 'granted', title: 'Лицензия выдана', role: null, overdue: false });

    const history = done.application.history.map(({ seq, event, from, to, actor, at }) => ({ seq, event, from, to, who: actor.userId, roles: actor.roles, at }));
    expect(history).toEqual([
      { seq: 1, event: 'SUBMIT', from: null, to: 'registration', who: 'u-applicant', roles: ['applicant'], at: '2024-12-27T14:30:00.000Z' },
      { seq: 2, event: 'REGISTER', from: 'registration', to: 'review', who: 'u-officer', roles: ['officer'], at: '2025-01-09T07:00:00.000Z' },
      { seq: 3, event: 'REVIEW', from: 'review', to: 'signing', who: 'u-officer', roles: ['officer'], at: '2025-01-15T09:00:00.000Z' },
      { seq: 4, event: 'SIGN', from: 'signing', to: 'notification', who: 'u-head', roles: ['head'], at: '2025-01-17T15:30:00.000Z' },
      { seq: 5, event: 'NOTIFY', from: 'notification', to: 'granted', who: 'u-officer', roles: ['officer'], at: '2025-01-20T06:00:00.000Z' },
    ]);
    expect(done.application.history[0].payloadHash).toBe(payloadHash(submission));
    expect(done.application.history[2].payloadHash).toBe(payloadHash({ result: { decision: 'approve' } }));
    expect(done.application.history[2].payloadHash).toMatch(/^[0-9a-f]{64}$/);

    const licence = await store.getLicence('north', 'ЛИЦ-2025-0001');
    expect(licence).toEqual({
      number: 'ЛИЦ-2025-0001',
      region: 'north',
      status: 'active',
      issuedOn: '2025-01-20',
      terminatedOn: null,
      attributes: { name: submission.applicant.name, inn: '7707083893', phone: '+7 900 123-45-67' },
      applications: [id],
      version: 1,
      updatedAt: '2025-01-20T06:00:00.000Z',
    });

    expect(done.application.documents).toEqual([{ id: 'id-2', template: 'notice', title: 'Уведомление о выдаче лицензии', createdAt: '2025-01-20T06:00:00.000Z' }]);
    const notice = await engine.document('id-2', applicant);
    expect(notice).toMatchObject({ applicationId: id, region: 'north', template: 'notice' });
    expect(notice.html).toMatch(/^<!doctype html>/);
    expect(notice.html).toContain(
      'Департамент лицензирования Северной области уведомляет ООО «Ромашка» &lt;script&gt;alert(1)&lt;/script&gt;: по заявлению от 28.12.2024 выдана лицензия № ЛИЦ-2025-0001; пошлина 7\u00a0500\u00a0руб.',
    );
    expect(notice.html).not.toContain('<script>');

    // The public registry: searchable by ИНН, the non-public phone hidden, in the extract anyone may ask for too.
    const found = await engine.searchLicences({ region: 'north', attribute: { id: 'inn', value: '7707083893' }, limit: 10, offset: 0 });
    expect(found.total).toBe(1);
    expect(found.items[0].attributes).toEqual({ name: submission.applicant.name, inn: '7707083893' });
    expect((await engine.licence('north', 'ЛИЦ-2025-0001')).attributes).not.toHaveProperty('phone');
    await expect(engine.searchLicences({ region: 'north', attribute: { id: 'phone', value: '+7 900 123-45-67' }, limit: 10, offset: 0 })).rejects.toBeInstanceOf(ValidationError);
    const extract = await engine.licenceExtract('north', 'ЛИЦ-2025-0001');
    expect(extract).toContain('<tr><th>ИНН</th><td>7707083893</td></tr>');
    expect(extract).not.toContain('Телефон');
    expect(extract).not.toContain('123-45-67');
    expect(extract).toContain('&lt;script&gt;');
    await expect(engine.licence('north', 'ЛИЦ-2025-9999')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('renders a refusal quoting the grounds the officer selected', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await at('2025-01-09T10:00:00+03:00', application.id, 'REGISTER', undefined, officer);
    await at('2025-01-10T10:00:00+03:00', application.id, 'REVIEW', { result: { decision: 'refuse', grounds: ['untrue', 'incomplete'] } }, officer);
    const refused = await at('2025-01-13T10:00:00+03:00', application.id, 'SIGN', undefined, head);
    expect(refused.application).toMatchObject({ state: 'refused', outcome: 'refused', licence: null });
    const document = await engine.document(refused.application.documents[0].id, officer);
    expect(document.html).toContain('<ul><li>Недостоверные сведения (п. 2.9.2)</li><li>Неполные сведения (п. 2.9.1)</li></ul>');
    expect((await store.searchLicences({ region: 'north', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('shows a step as overdue once the day after its due date begins', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await at('2025-01-09T10:00:00+03:00', application.id, 'REGISTER', undefined, officer);
    clock.set('2025-01-16T23:59:00+03:00');
    expect((await engine.view(application.id, officer)).step.overdue).toBe(false);
    clock.set('2025-01-17T00:00:00+03:00');
    expect((await engine.view(application.id, officer)).step.overdue).toBe(true);
  });
});

describe('withdrawal', () => {
  const paths: Record<string, [string, unknown, Actor][]> = {
    registration: [],
    review: [['REGISTER', undefined, officer]],
    signing: [['REGISTER', undefined, officer], ['REVIEW', approve, officer]],
    refusalSigning: [['REGISTER', undefined, officer], ['REVIEW', { result: { decision: 'refuse' } }, officer]],
    notification: [['REGISTER', undefined, officer], ['REVIEW', approve, officer], ['SIGN', undefined, head]],
  };
  for (const [state, path] of Object.entries(paths)) {
    it(`takes the applicant's application from ${state} to withdrawn`, async () => {
      const { application } = await engine.startApplication('north', 'licence', submission, applicant);
      clock.set('2025-01-10T10:00:00+03:00');
      for (const [event, payload, actor] of path) await engine.send(application.id, event, payload, actor);
      const before = await engine.view(application.id, applicant);
      expect(before.application.state).toBe(state);
      expect(before.allowedEvents.map((e) => e.event)).toEqual(['WITHDRAW']);
      const withdrawn = await engine.send(application.id, 'WITHDRAW', undefined, applicant);
      expect(withdrawn.application).toMatchObject({ state: 'withdrawn', final: true, outcome: 'withdrawn', stepDue: null });
      expect(withdrawn.application.history.at(-1)).toMatchObject({ event: 'WITHDRAW', from: state, to: 'withdrawn', actor: { userId: 'u-applicant' } });
      await expect(engine.send(application.id, 'WITHDRAW', undefined, applicant)).rejects.toBeInstanceOf(TransitionError);
    });
  }
});

describe('who may do what', () => {
  it('lets only an applicant role of the region file', async () => {
    await expect(engine.startApplication('north', 'licence', submission, officer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(engine.startApplication('north', 'licence', submission, southOfficer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.startApplication('south', 'licence', submission, southOfficer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.startApplication('north', 'nope', submission, applicant)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an event to a role the procedure does not give it', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await expect(engine.send(application.id, 'REGISTER', undefined, applicant)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(engine.send(application.id, 'REGISTER', undefined, head)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(engine.send(application.id, 'WITHDRAW', undefined, officer)).rejects.toBeInstanceOf(ForbiddenError);
    // A role that sees the application but acts in nothing is refused too.
    await expect(engine.send(application.id, 'REGISTER', undefined, support)).rejects.toBeInstanceOf(NotFoundError);
    expect((await engine.view(application.id, applicant)).application.version).toBe(1);
  });

  it('hides an application from another applicant and from every actor of another region', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    for (const actor of [otherApplicant, southOfficer]) {
      await expect(engine.view(application.id, actor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(engine.send(application.id, 'WITHDRAW', undefined, actor)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(engine.view('no-such-id', officer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.inbox(southOfficer, { region: 'north', limit: 10, offset: 0 })).rejects.toBeInstanceOf(NotFoundError);
    // Platform staff ("*") belong to every region.
    expect((await engine.view(application.id, platform)).application.id).toBe(application.id);
  });

  it('shows a document only to those who may see its application', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await at('2025-01-09T10:00:00+03:00', application.id, 'REGISTER', undefined, officer);
    await at('2025-01-10T10:00:00+03:00', application.id, 'REVIEW', { result: { decision: 'refuse' } }, officer);
    const refused = await at('2025-01-13T10:00:00+03:00', application.id, 'SIGN', undefined, head);
    const documentId = refused.application.documents[0].id;
    expect((await engine.document(documentId, applicant)).id).toBe(documentId);
    for (const actor of [otherApplicant, southOfficer, null]) await expect(engine.document(documentId, actor)).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.document('missing', officer)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives staff the region inbox, overdue first, and an applicant only their own applications', async () => {
    const mine = await engine.startApplication('north', 'licence', submission, applicant);
    clock.set('2025-01-09T10:00:00+03:00');
    const theirs = await engine.startApplication('north', 'licence', submission, otherApplicant);
    await engine.send(mine.application.id, 'REGISTER', undefined, officer); // review, due 16.01
    clock.set('2025-01-20T10:00:00+03:00');
    const staff = await engine.inbox(officer, { region: 'north', limit: 10, offset: 0 });
    expect(staff.items.map((v) => [v.application.id, v.step.overdue])).toEqual([
      [theirs.application.id, true], // registration due 9.01
      [mine.application.id, true],
    ]);
    expect(staff.items[0].allowedEvents.map((e) => e.event)).toEqual(['REGISTER']);
    const own = await engine.inbox(otherApplicant, { region: 'north', limit: 10, offset: 0 });
    expect(own.items.map((v) => v.application.id)).toEqual([theirs.application.id]);
    await expect(engine.inbox(support, { region: 'north', limit: 10, offset: 0 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('validation and transitions', () => {
  it('reports every field error of a submission and stores nothing', async () => {
    const error = await engine.startApplication('north', 'licence', { applicant: { inn: '1234567890', phone: '123' } }, applicant).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path).sort()).toEqual(['applicant.inn', 'applicant.name', 'applicant.phone']);
    expect((await store.listApplications({ region: 'north', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('checks payloads against the event’s form and refuses data for an event without one', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await expect(engine.send(application.id, 'REGISTER', { note: 'x' }, officer)).rejects.toBeInstanceOf(ValidationError);
    await engine.send(application.id, 'REGISTER', {}, officer);
    const bad = await engine.send(application.id, 'REVIEW', { result: { decision: 'maybe' } }, officer).catch((e: unknown) => e);
    expect((bad as ValidationError).errors.map((e) => e.path)).toEqual(['result.decision']);
  });

  it('refuses an event the step does not accept, or that no guard lets through', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await expect(engine.send(application.id, 'SIGN', undefined, head)).rejects.toBeInstanceOf(TransitionError);
    await expect(engine.send(application.id, 'FLY', undefined, officer)).rejects.toBeInstanceOf(TransitionError);
    await engine.send(application.id, 'REGISTER', undefined, officer);
    await expect(engine.send(application.id, 'REVIEW', { result: { decision: 'defer' } }, officer)).rejects.toBeInstanceOf(TransitionError);
    expect((await engine.view(application.id, officer)).application).toMatchObject({ state: 'review', version: 2 });
  });

  it('refuses a stale version, and lets one of two concurrent sends win', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    await engine.send(application.id, 'REGISTER', undefined, officer, 1);
    await expect(engine.send(application.id, 'REVIEW', approve, officer, 1)).rejects.toBeInstanceOf(VersionConflictError);
    const results = await Promise.allSettled([
      engine.send(application.id, 'REVIEW', approve, officer),
      engine.send(application.id, 'WITHDRAW', undefined, applicant),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await engine.view(application.id, officer)).application.version).toBe(3);
  });
});

describe('config versions', () => {
  it('keeps an application on the config version it started on', async () => {
    const v1 = licensingRegion({ version: 'v1', reviewDays: 5 });
    const v2 = licensingRegion({ version: 'v2', reviewDays: 7 });
    const first = new Engine({ regions: [v1], store, clock, idGenerator: () => `id-${++ids}` });
    const old = await first.startApplication('north', 'licence', submission, applicant);
    expect(await store.getConfigVersion('north', 'v1')).toEqual(v1.files);

    const loads: string[] = [];
    const second = new Engine({
      regions: [v2],
      store,
      clock,
      idGenerator: () => `id-${++ids}`,
      loadVersion: async (region, version) => {
        loads.push(`${region}@${version}`);
        return version === 'v1' ? v1 : undefined;
      },
    });
    clock.set('2025-01-09T10:00:00+03:00');
    const fresh = await second.startApplication('north', 'licence', submission, applicant);
    const oldReview = await second.send(old.application.id, 'REGISTER', undefined, officer);
    const freshReview = await second.send(fresh.application.id, 'REGISTER', undefined, officer);
    expect(oldReview.application).toMatchObject({ configVersion: 'v1', stepDue: { date: '2025-01-16' } });
    expect(freshReview.application).toMatchObject({ configVersion: 'v2', stepDue: { date: '2025-01-20' } });
    await second.view(old.application.id, officer);
    expect(loads).toEqual(['north@v1']);
  });

  it('fails loudly when the pinned version cannot be loaded', async () => {
    const { application } = await engine.startApplication('north', 'licence', submission, applicant);
    const next = new Engine({ regions: [licensingRegion({ version: 'v2' })], store, clock, loadVersion: async () => undefined });
    await expect(next.view(application.id, officer)).rejects.toThrow(/config version v1 of region north cannot be loaded/);
  });
});

describe('quote and forms', () => {
  it('tells the registration day, fee and service due date before filing', () => {
    // Received on Friday evening, after hours: the receipt day is the Friday, registration the working Saturday.
    expect(engine.quote('north', 'licence', submission, new Date(RECEIVED))).toEqual({
      receivedOn: '2024-12-27',
      registeredOn: '2024-12-28',
      fee: { feeId: 'duty', title: 'Госпошлина', amount: 7500, clause: '2.10', exemption: null },
      serviceDue: { date: '2025-01-22', provisional: false },
      serviceDueFrom: 'registration',
    });
    expect(() => engine.quote('south', 'licence', submission, new Date(RECEIVED))).toThrow(NotFoundError);
  });

  it('serves compiled forms of a region', () => {
    expect(engine.compiledForm('north', 'application')).toMatchObject({ id: 'application', title: 'Заявление о выдаче лицензии' });
    expect(engine.compiledForm('north', 'application')).toBe(engine.compiledForm('north', 'application'));
    expect(() => engine.compiledForm('north', 'nope')).toThrow(NotFoundError);
    expect(engine.regions().map((r) => r.id)).toEqual(['north']);
    expect(engine.region('south')).toBeUndefined();
  });
});

describe('a region loaded from its folder', () => {
  it('reloads the version an application is pinned to from the files kept in the store', async () => {
    const { loadRegion, loadRegionFromFiles } = await import('../config/loader/loadRegion.ts');
    const loaded = await loadRegion('test/fixtures/sample');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const v1 = loaded.config;
    const first = new Engine({ regions: [v1], store, clock });
    const permit = {
      applicant: { kind: 'company', name: 'ООО «Ромашка»', inn: '7707083893', ogrn: '1027700132195', phone: '+79001234567' },
      works: { kinds: ['store'] },
      extra: { consent: true },
    };
    const sampleApplicant: Actor = { userId: 'u-1', region: 'sample', roles: ['applicant'] };
    const sampleOfficer: Actor = { userId: 'u-2', region: 'sample', roles: ['officer'] };
    clock.set('2025-03-03T10:00:00+05:00');
    const started = await first.startApplication('sample', 'permit', permit, sampleApplicant);

    const changed = v1.files['deadlines.yaml'].replace('workingDays: 5, from: stepStart', 'workingDays: 8, from: stepStart');
    const v2 = loadRegionFromFiles(v1.dir, { ...v1.files, 'deadlines.yaml': changed });
    if (!v2.ok) throw new Error(JSON.stringify(v2.errors));
    expect(v2.config.version).not.toBe(v1.version);
    const second = new Engine({ regions: [v2.config], store, clock });
    const oldOne = await second.send(started.application.id, 'REGISTER', undefined, sampleOfficer);
    const newOne = await second.send((await second.startApplication('sample', 'permit', permit, sampleApplicant)).application.id, 'REGISTER', undefined, sampleOfficer);
    // Review: 5 working days from Monday 3 March on the old version, 8 on the new.
    expect(oldOne.application).toMatchObject({ configVersion: v1.version, stepDue: { date: '2025-03-10' } });
    expect(newOne.application).toMatchObject({ configVersion: v2.config.version, stepDue: { date: '2025-03-13' } });
  });
});
