/**
 * Reports on a seeded history: five permit applications of the sample region (Asia/Yekaterinburg,
 * UTC+5) taken through their steps on hand-set days of March and April 2025, the numbers worked out by
 * hand from the production calendar (../shared/production-calendar.md: in 2025 Sat 8 Mar moved to
 * 13 Jun and Mon 10 Mar is a working day; the sample region's own day off is 15 Jul). Each store
 * gives the same numbers: they come from the store through the engine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { Actor, Clock, Store } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { lowdbStore } from '../engine/store/lowdbStore.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { approveReview, permitSubmission } from './server/sampleData.ts';

class ManualClock implements Clock {
  at = new Date(0);
  now(): Date {
    return this.at;
  }
}

const applicant: Actor = { userId: 'applicant', region: 'sample', roles: ['applicant'] };
const officer: Actor = { userId: 'officer', region: 'sample', roles: ['officer'] };
const head: Actor = { userId: 'head', region: 'sample', roles: ['head'] };

/** Seeds the history below and returns the reports as the head sees them on Wed 2 Apr 2025. */
async function seededReports(store: Store) {
  const loaded = await loadRegion('test/fixtures/sample');
  if (!loaded.ok) throw new Error('sample does not load');
  const clock = new ManualClock();
  const engine = new Engine({ regions: [loaded.config], store, clock });
  const at = (instant: string) => (clock.at = new Date(instant));
  const file = async (instant: string) => {
    at(instant);
    return (await engine.startApplication('sample', 'permit', permitSubmission(), applicant, clock.now())).application.id;
  };
  const send = async (id: string, instant: string, event: string, actor: Actor, payload?: unknown) => {
    at(instant);
    await engine.send(id, event, payload, actor);
  };

  // A: registered the next day, reviewed in 5 working days (4 Mar -> 11 Mar: 5, 6, 7, 10, 11), signed
  // and notified a working day each: granted on Thu 13 Mar.
  const a = await file('2025-03-03T10:00:00+05:00');
  await send(a, '2025-03-04T10:00:00+05:00', 'REGISTER', officer);
  await send(a, '2025-03-11T10:00:00+05:00', 'REVIEW', officer, approveReview);
  await send(a, '2025-03-12T10:00:00+05:00', 'SIGN', head);
  await send(a, '2025-03-13T10:00:00+05:00', 'NOTIFY', officer);
  // B: registered the same day (0 days), reviewed in 9 working days (3 Mar -> 14 Mar: 4, 5, 6, 7, 10,
  // 11, 12, 13, 14), over its limit of 5; waits for signing since Fri 14 Mar, due 1 working day later: Mon 17 Mar.
  const b = await file('2025-03-03T11:00:00+05:00');
  await send(b, '2025-03-03T12:00:00+05:00', 'REGISTER', officer);
  await send(b, '2025-03-14T10:00:00+05:00', 'REVIEW', officer, approveReview);
  // C: registered Thu 6 Mar (1 day after Wed 5 Mar); in review since, due 5 working days later
  // (7, 10, 11, 12, 13): Thu 13 Mar; taken by the officer.
  const c = await file('2025-03-05T10:00:00+05:00');
  await send(c, '2025-03-06T10:00:00+05:00', 'REGISTER', officer);
  at('2025-03-06T11:00:00+05:00');
  await engine.assign(c, officer, 'take', { userId: 'officer', name: 'Иванова И. И.' }, 2);
  // E: withdrawn by the applicant the next day, from registration (1 working day there).
  const e = await file('2025-03-03T10:30:00+05:00');
  await send(e, '2025-03-04T09:30:00+05:00', 'WITHDRAW', applicant);
  // D: filed Tue 1 Apr and still waiting for registration, due that same day (1 working day, the day itself counting).
  await file('2025-04-01T10:00:00+05:00');

  at('2025-04-02T10:00:00+05:00');
  return engine.reports(head, 'sample');
}

function checkReports(reports: Awaited<ReturnType<typeof seededReports>>) {
  expect(reports.today).toBe('2025-04-02');
  const counts = (rows: readonly { state: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.state, r.count]));
  // Open: B at signing, C in review, D at registration.
  expect(counts(reports.openByStep)).toEqual({ signingGrant: 1, review: 1, registration: 1 });
  // On 2 Apr all three are past their step's due date (17 Mar, 13 Mar, 1 Apr).
  expect(counts(reports.overdueByStep)).toEqual({ signingGrant: 1, review: 1, registration: 1 });
  expect(reports.overdueByStep.find((r) => r.state === 'review')).toMatchObject({ serviceTitle: 'Выдача разрешения', stepTitle: 'Рассмотрение заявления' });
  expect(reports.overdueByOfficer).toEqual([
    { userId: null, name: 'Не назначено', count: 2 },
    { userId: 'officer', name: 'Иванова И. И.', count: 1 },
  ]);
  const times = Object.fromEntries(reports.stepTimes.map((t) => [t.state, t]));
  // Registration: A 1, B 0, C 1, E 1 -> sorted 0, 1, 1, 1: median (2nd of 4) 1, 90th percentile (4th) 1.
  expect(times.registration).toMatchObject({ visits: 4, median: 1, p90: 1, limit: 1, limitFrom: 'registration', overLimit: null });
  // Review: A 5, B 9 -> median (1st of 2) 5, 90th percentile (2nd) 9; the limit is 5 from the step's start, B took longer.
  expect(times.review).toMatchObject({ visits: 2, median: 5, p90: 9, limit: 5, limitFrom: 'stepStart', overLimit: 1 });
  expect(times.signingGrant).toMatchObject({ visits: 1, median: 1, p90: 1, limit: 1, limitFrom: 'stepStart', overLimit: 0 });
  expect(times.notifyGrant).toMatchObject({ visits: 1, median: 1, p90: 1, limit: 1, limitFrom: 'decision', overLimit: null });
  expect(Object.keys(times).sort()).toEqual(['notifyGrant', 'registration', 'review', 'signingGrant']);
  // Filed: A, B, C, E in March, D in April; finished: E (withdrawn 4 Mar) and A (granted 13 Mar).
  expect(reports.perMonth).toEqual([
    { month: '2025-03', filed: 4, decided: 2 },
    { month: '2025-04', filed: 1, decided: 0 },
  ]);
}

describe('reports on a seeded history', () => {
  it('count open and overdue cases, time in each step against its limit, and filings and decisions per month', async () => {
    const store = memoryStore();
    await store.init();
    checkReports(await seededReports(store));
  });

  it('give the same numbers from the embedded store, after a restart too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'reglament-reports-'));
    try {
      const store = lowdbStore({ dir });
      await store.init();
      checkReports(await seededReports(store));
      await store.close();
      const reopened = lowdbStore({ dir });
      await reopened.init();
      const loaded = await loadRegion('test/fixtures/sample');
      if (!loaded.ok) throw new Error('sample does not load');
      const clock = new ManualClock();
      clock.at = new Date('2025-04-02T10:00:00+05:00');
      checkReports(await new Engine({ regions: [loaded.config], store: reopened, clock }).reports(head, 'sample'));
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('are only for roles marked reports: true', async () => {
    const loaded = await loadRegion('test/fixtures/sample');
    if (!loaded.ok) throw new Error('sample does not load');
    const store = memoryStore();
    const engine = new Engine({ regions: [loaded.config], store, clock: new ManualClock() });
    await expect(engine.reports(officer, 'sample')).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(engine.reports({ ...head, region: 'elsewhere' }, 'sample')).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
