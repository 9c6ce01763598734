/**
 * The officer's workspace over HTTP on the sample fixture region: the inbox by role, search and sort,
 * taking and assigning cases, live updates (server-sent events) and who may read the reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { copyRegion, SAMPLE, startTestApi, type TestApi } from './harness.ts';
import { readEvents, type StreamEvent } from './eventStream.ts';
import { approveReview, permitSubmission } from './sampleData.ts';

let api: TestApi;
const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });

beforeAll(async () => {
  api = await startTestApi([SAMPLE, await copyRegion(SAMPLE, 'other')]);
  // A second officer, to take and hand over cases between two people.
  await api.running.users.upsert({ login: 'petrova@sample', name: 'Петрова П. П.', region: 'sample', roles: ['officer'], passwordHash: await hashPassword('petrova', { N: 1024, r: 8, p: 1 }) });
  await api.running.users.upsert({ login: 'sidorov@sample', name: 'Сидоров С. С.', region: 'sample', roles: ['applicant'], passwordHash: await hashPassword('sidorov', { N: 1024, r: 8, p: 1 }) });
});
afterAll(() => api?.close());

async function file(name: string, inn = '7707083893', login = 'applicant@sample') {
  const submission = permitSubmission();
  submission.applicant.name = name;
  submission.applicant.inn = inn;
  const res = await api.http().post('/api/regions/sample/services/permit/applications').set(await bearer(login)).send({ submission });
  expect(res.status).toBe(201);
  return res.body.application.id as string;
}

async function send(id: string, login: string, event: string, version: number, payload?: unknown) {
  const res = await api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version, ...(payload ? { payload } : {}) });
  expect(res.status).toBe(200);
  return res.body;
}

async function inbox(login: string, query = '') {
  const res = await api.http().get(`/api/regions/sample/inbox${query}`).set(await bearer(login));
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; state: string; applicantName: string; assignee: { userId: string } | null }[]; total: number; totalExact: boolean };
}

async function assignment(id: string, login: string, body: Record<string, unknown>) {
  return api.http().post(`/api/applications/${id}/assignment`).set(await bearer(login)).send(body);
}

/** Reads the region's event stream as `login` (see eventStream.ts). */
async function stream(login: string, until: (events: StreamEvent[]) => boolean, lastEventId?: string, onOpen?: () => Promise<unknown>) {
  return readEvents(`${api.url}/api/regions/sample/events`, await api.token(login), until, { lastEventId, onOpen });
}

describe("each role's inbox", () => {
  let atSigning: string;
  let atRegistration: string;

  beforeAll(async () => {
    atRegistration = await file('ООО «Ёжик»');
    atSigning = await file('ООО «СеверМеталлРесурс»', '3525000006');
    await send(atSigning, 'officer@sample', 'REGISTER', 1);
    await send(atSigning, 'officer@sample', 'REVIEW', 2, approveReview);
  });

  it('shows the head by default only what needs signing, and every open case on request', async () => {
    const head = await inbox('head@sample');
    expect(head.items.map((r) => r.id)).toContain(atSigning);
    expect(head.items.every((r) => r.state === 'signingGrant' || r.state === 'signingRefusal')).toBe(true);
    const officer = await inbox('officer@sample');
    expect(officer.items.map((r) => r.id)).toContain(atRegistration);
    expect(officer.items.map((r) => r.id)).not.toContain(atSigning);
    const all = await inbox('head@sample', '?view=all&final=false');
    expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining([atSigning, atRegistration]));
  });

  it('finds a case by part of the applicant name or ИНН, case- and ё/е-insensitively, as rows without the submission', async () => {
    const found = await inbox('officer@sample', `?view=all&q=${encodeURIComponent('северметалл')}`);
    expect(found.items.map((r) => r.id)).toEqual([atSigning]);
    expect(found.items[0]).not.toHaveProperty('submission');
    expect(found.items[0]).not.toHaveProperty('history');
    expect(found.items[0]).toMatchObject({ applicantName: 'ООО «СеверМеталлРесурс»', applicantIds: expect.arrayContaining([{ title: 'ИНН', value: '3525000006' }]) });
    expect((await inbox('officer@sample', `?view=all&q=${encodeURIComponent('ЕЖИК')}`)).items.map((r) => r.id)).toEqual([atRegistration]);
    expect((await inbox('officer@sample', '?view=all&q=352500')).items.map((r) => r.id)).toEqual([atSigning]);
  });

  it('sorts by the applicant either way and refuses an unknown sort column', async () => {
    const asc = (await inbox('officer@sample', '?view=all&final=false&sort=applicant&limit=200')).items.map((r) => r.applicantName);
    const desc = (await inbox('officer@sample', '?view=all&final=false&sort=applicant&dir=desc&limit=200')).items.map((r) => r.applicantName);
    expect(desc).toEqual([...asc].reverse());
    expect(asc.indexOf('ООО «Ёжик»')).toBeLessThan(asc.indexOf('ООО «СеверМеталлРесурс»'));
    expect((await api.http().get('/api/regions/sample/inbox?sort=submission').set(await bearer('officer@sample'))).status).toBe(400);
  });
});

describe('taking and assigning a case', () => {
  it('lets an officer take a case, shows it in «Мои задачи», refuses a second taker and records every change', async () => {
    const id = await file('ООО «Взятое»');
    const taken = await assignment(id, 'officer@sample', { action: 'take', version: 1 });
    expect(taken.status).toBe(200);
    expect(taken.body.application).toMatchObject({ version: 2, assignee: { userId: 'officer@sample', name: expect.any(String) } });
    expect((await inbox('officer@sample', '?view=mine')).items.map((r) => r.id)).toContain(id);
    expect((await inbox('petrova@sample', '?view=mine')).items.map((r) => r.id)).not.toContain(id);

    const second = await assignment(id, 'petrova@sample', { action: 'take', version: 2 });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatch(/уже взял в работу/);
    // Only its holder or the head may hand it back.
    expect((await assignment(id, 'petrova@sample', { action: 'release', version: 2 })).status).toBe(403);

    const given = await assignment(id, 'head@sample', { action: 'assign', assignee: 'petrova@sample', version: 2 });
    expect(given.status).toBe(200);
    expect(given.body.application.assignee).toEqual({ userId: 'petrova@sample', name: 'Петрова П. П.' });
    expect((await inbox('petrova@sample', '?view=mine')).items.map((r) => r.id)).toContain(id);
    expect((await inbox('officer@sample', '?view=mine')).items.map((r) => r.id)).not.toContain(id);

    const back = await assignment(id, 'head@sample', { action: 'release', version: 3 });
    expect(back.status).toBe(200);
    expect(back.body.application.assignee).toBeNull();
    const history = back.body.application.history as { event: string; actor: { userId: string }; assignee?: unknown; from: string; to: string }[];
    expect(history.slice(1).map((h) => [h.event, h.actor.userId, h.assignee])).toEqual([
      ['@take', 'officer@sample', { userId: 'officer@sample', name: expect.any(String) }],
      ['@assign', 'head@sample', { userId: 'petrova@sample', name: 'Петрова П. П.' }],
      ['@release', 'head@sample', null],
    ]);
    expect(history.every((h) => h.from === h.to || h.from === null)).toBe(true);
  });

  it('refuses takers without the role, assignees who do not take cases, stale versions and other regions', async () => {
    const id = await file('ООО «Ничьё»');
    expect((await assignment(id, 'head@sample', { action: 'take', version: 1 })).status).toBe(403);
    expect((await assignment(id, 'officer@sample', { action: 'assign', assignee: 'petrova@sample', version: 1 })).status).toBe(403);
    const nobody = await assignment(id, 'head@sample', { action: 'assign', assignee: 'head@sample', version: 1 });
    expect(nobody.status).toBe(422);
    expect(nobody.body.errors[0].path).toBe('assignee');
    expect((await assignment(id, 'head@sample', { action: 'assign', assignee: 'officer@other', version: 1 })).status).toBe(422);
    expect((await assignment(id, 'applicant@sample', { action: 'take', version: 1 })).status).toBe(403);
    expect((await assignment(id, 'officer@other', { action: 'take', version: 1 })).status).toBe(404);
    await send(id, 'officer@sample', 'REGISTER', 1);
    const stale = await assignment(id, 'officer@sample', { action: 'take', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current.application).toMatchObject({ id, version: 2, state: 'review' });
  });

  it('records in the read audit who saw which cases listed and whom the assignment answered', async () => {
    const id = await file('ООО «Аудит»');
    await inbox('officer@sample', '?view=all&q=аудит');
    expect((await assignment(id, 'officer@sample', { action: 'take', version: 1 })).status).toBe(200);
    const reads = await api.running.store.listReads({ region: 'sample', applicationId: id, limit: 10, offset: 0 });
    expect(reads.items.map((r) => [r.userId, r.kind, r.action]).sort()).toEqual([
      ['officer@sample', 'application', 'assignApplication'],
      ['officer@sample', 'application', 'inbox'],
    ]);
  });

  it('lists whom a case can be assigned to', async () => {
    const res = await api.http().get('/api/regions/sample/assignees').set(await bearer('head@sample'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { userId: string }) => u.userId).sort()).toEqual(['officer@sample', 'petrova@sample']);
  });
});

describe('live updates', () => {
  it("tells the region's staff when someone else acts, and an applicant only of their own applications", async () => {
    const mine = await file('ООО «Живое»');
    const theirs = await file('ООО «Чужое»', '7707083893', 'sidorov@sample');
    // Theirs moves first, then mine: the applicant's stream, in order, must skip theirs and show mine.
    const act = async () => {
      await send(theirs, 'officer@sample', 'REGISTER', 1);
      await send(mine, 'officer@sample', 'REGISTER', 1);
    };
    const applicant = await stream('applicant@sample', (events) => events.some((e) => e.data?.includes(mine)), undefined, act);
    expect(applicant.events.map((e) => JSON.parse(e.data!))).toEqual([{ id: mine, version: 2 }]);
    const officer = await stream('officer@sample', (events) => events.some((e) => e.data?.includes(theirs)), undefined, () =>
      send(theirs, 'officer@sample', 'REVIEW', 2, approveReview),
    );
    expect(officer.events.map((e) => JSON.parse(e.data!))).toEqual([{ id: theirs, version: 3 }]);
    expect(officer.events.every((e) => e.id && e.id.length > 0)).toBe(true);
  });

  it('resumes after Last-Event-ID with what was missed, and says "reset" for an id it does not know', async () => {
    const id = await file('ООО «Пропущенное»');
    let lastId = '';
    await stream(
      'officer@sample',
      (events) => {
        const seen = events.find((e) => e.data?.includes(id));
        if (seen) lastId = seen.id!;
        return seen !== undefined;
      },
      undefined,
      async () => void (await send(id, 'officer@sample', 'REGISTER', 1)),
    );
    // While nobody listens, the case moves on.
    await send(id, 'officer@sample', 'REVIEW', 2, approveReview);
    const resumed = await stream('officer@sample', (events) => events.some((e) => e.data === JSON.stringify({ id, version: 3 })), lastId);
    expect(resumed.events.map((e) => e.data)).toContain(JSON.stringify({ id, version: 3 }));
    const reset = await stream('officer@sample', (events) => events.length > 0, 'no-such-event');
    expect(reset.events[0].event).toBe('reset');
  });

  it('is closed to other regions and to the anonymous', async () => {
    expect((await stream('officer@other', () => true)).status).toBe(403);
    expect((await fetch(`${api.url}/api/regions/sample/events`)).status).toBe(401);
  });
});

describe('reports', () => {
  it('are for the roles marked reports: true (head, coordinator), not officers or applicants', async () => {
    for (const login of ['head@sample', 'coordinator@sample']) {
      const res = await api.http().get('/api/regions/sample/reports').set(await bearer(login));
      expect(res.status).toBe(200);
      expect(res.body).toHaveProperty('openByStep');
    }
    for (const login of ['officer@sample', 'applicant@sample']) expect((await api.http().get('/api/regions/sample/reports').set(await bearer(login))).status).toBe(403);
    expect((await api.http().get('/api/regions/sample/reports').set(await bearer('head@other'))).status).toBe(404);
  });
});
