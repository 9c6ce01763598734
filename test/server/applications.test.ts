/**
 * Applications over HTTP on the sample fixture region and a copy of it under another id: filing,
 * reading, sending events, withdrawal, who may do what, and that refused requests change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRegion, SAMPLE, startTestApi, type TestApi } from './harness.ts';
import { approveReview, permitSubmission } from './sampleData.ts';

let api: TestApi;
const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });

beforeAll(async () => {
  api = await startTestApi([SAMPLE, await copyRegion(SAMPLE, 'other')]);
});
afterAll(() => api?.close());

async function submit(login = 'applicant@sample', submission: unknown = permitSubmission()) {
  return api.http().post('/api/regions/sample/services/permit/applications').set(await bearer(login)).send({ submission });
}

async function send(id: string, login: string, event: string, version: number, payload?: unknown) {
  return api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version, ...(payload ? { payload } : {}) });
}

/** Everything the store holds for the sample region, to compare before and after a refused request. */
async function storeState() {
  const page = await api.running.store.listApplications({ region: 'sample', limit: 1000, offset: 0 });
  return JSON.stringify(page);
}

describe('filing an application', () => {
  it('registers it at once: 201 with registration date, fee, due dates and the first step', async () => {
    const res = await submit();
    expect(res.status).toBe(201);
    const { application, step, allowedEvents } = res.body;
    expect(res.headers.location).toBe(`/api/applications/${application.id}`);
    expect(application).toMatchObject({ region: 'sample', service: 'permit', state: 'registration', version: 1, applicantId: 'applicant@sample', final: false });
    expect(application.registeredOn).toBe('2025-03-03');
    expect(application.fee.amount).toBeGreaterThan(0);
    expect(application.serviceDue.date > application.registeredOn).toBe(true);
    expect(step).toMatchObject({ id: 'registration', role: 'officer', overdue: false });
    expect(step.due.date >= application.registeredOn).toBe(true);
    expect(application).not.toHaveProperty('snapshot');
    // The applicant may withdraw, but not register their own application.
    expect(allowedEvents.map((e: { event: string }) => e.event)).toEqual(['WITHDRAW']);
  });

  it('answers 422 with every field error, by path and in Russian, and stores nothing', async () => {
    const before = await storeState();
    const bad = permitSubmission();
    bad.applicant.inn = '7707083894'; // checksum digit off by one
    (bad.works as { kinds: unknown }).kinds = 'store'; // a string where a list is expected
    delete (bad as { extra?: unknown }).extra; // a required section left out
    const res = await submit('applicant@sample', bad);
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['applicant.inn', 'works.kinds', 'extra']));
    for (const e of res.body.errors) expect(e.message).toMatch(/[а-яё]/i);
    expect(await storeState()).toBe(before);
  });

  it('is only for applicants of the region', async () => {
    const before = await storeState();
    expect((await submit('officer@sample')).status).toBe(403);
    expect((await submit('applicant@other')).status).toBe(403);
    const anonymous = await api.http().post('/api/regions/sample/services/permit/applications').send({ submission: permitSubmission() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(await storeState()).toBe(before);
  });

  it('numbers filings of the region in order, "{year}-{seq}" by default, keeping the UUID as the API id', async () => {
    const first = (await submit()).body.application;
    const second = (await submit()).body.application;
    // test/fixtures/sample has no applicationNumbering: the default pattern, the year of receipt (the test clock's 2025).
    expect(first.number).toMatch(/^2025-\d{4}$/);
    expect(Number(second.number.slice(5))).toBe(Number(first.number.slice(5)) + 1);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    // Another region counts its own filings from 1.
    const other = await api.http().post('/api/regions/other/services/permit/applications').set(await bearer('applicant@other')).send({ submission: permitSubmission() });
    expect(other.body.application.number).toBe('2025-0001');
  });

  it('gives 404 for an unknown region or service', async () => {
    const h = await bearer('applicant@sample');
    expect((await api.http().post('/api/regions/nowhere/services/permit/applications').set(h).send({ submission: {} })).status).toBe(404);
    expect((await api.http().post('/api/regions/sample/services/nothing/applications').set(h).send({ submission: {} })).status).toBe(404);
  });
});

describe('the procedure over HTTP', () => {
  it('runs each step by the role the procedure names and ends with a licence and a notice', async () => {
    const { body: filed } = await submit();
    const id = filed.application.id as string;

    let res = await send(id, 'officer@sample', 'REGISTER', 1);
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ state: 'review', version: 2 });
    expect(res.body.allowedEvents.map((e: { event: string }) => e.event)).toContain('REVIEW');
    expect(res.body.allowedEvents.find((e: { event: string }) => e.event === 'REVIEW').payloadForm).toBe('review');

    res = await send(id, 'officer@sample', 'REVIEW', 2, approveReview);
    expect(res.body.application.state).toBe('signingGrant');
    // Only the head signs.
    const before = await storeState();
    res = await send(id, 'officer@sample', 'SIGN', 3);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/роль/);
    expect(await storeState()).toBe(before);
    res = await send(id, 'head@sample', 'SIGN', 3);
    expect(res.status).toBe(200);
    expect(res.body.application.licence).toMatch(/^ОБР-2025-\d{4}$/);

    res = await send(id, 'officer@sample', 'NOTIFY', 4);
    expect(res.status).toBe(200);
    const app = res.body.application;
    expect(app).toMatchObject({ state: 'granted', final: true, outcome: 'granted', version: 5 });
    // After the filing entry, each step by the role that took it.
    expect(app.history.slice(1).map((h: { event: string; actor: { userId: string } }) => [h.event, h.actor.userId])).toEqual([
      ['REGISTER', 'officer@sample'],
      ['REVIEW', 'officer@sample'],
      ['SIGN', 'head@sample'],
      ['NOTIFY', 'officer@sample'],
    ]);
    expect(app.documents.length).toBeGreaterThan(0);

    // The applicant sees the result and reads the notice; another applicant cannot.
    const mine = await api.http().get(`/api/applications/${id}`).set(await bearer('applicant@sample'));
    expect(mine.status).toBe(200);
    expect(mine.body.application.state).toBe('granted');
    const doc = await api.http().get(`/api/documents/${app.documents[0].id}`).set(await bearer('applicant@sample'));
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toMatch(/^text\/html/);
    expect(doc.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(doc.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(doc.text).toContain(app.licence);
    // The notice names the application by its readable number, not by its API id.
    expect(doc.text).toContain(`№ ${app.number}`);
    expect(doc.text).not.toContain(id);
    expect((await api.http().get(`/api/documents/${app.documents[0].id}`).set(await bearer('officer@other'))).status).toBe(404);
    expect((await api.http().get(`/api/documents/${app.documents[0].id}`)).status).toBe(401);

    // The licence is in the public registry.
    const entry = await api.http().get(`/api/regions/sample/registry/${encodeURIComponent(app.licence)}`);
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({ number: app.licence, status: 'active' });
    expect(entry.body.attributes).not.toHaveProperty('phone'); // public: false in registry.yaml
  });

  it('refuses a stale version with 409, the current version and the application as it is now, and changes nothing', async () => {
    const { body } = await submit();
    const id = body.application.id;
    expect((await send(id, 'officer@sample', 'REGISTER', 1)).status).toBe(200);
    const before = await storeState();
    const res = await send(id, 'officer@sample', 'REVIEW', 1, approveReview);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ currentVersion: 2, current: { application: { id, version: 2, state: 'review' }, step: { id: 'review' } } });
    expect(res.body.current.allowedEvents.map((e: { event: string }) => e.event)).toContain('REVIEW');
    expect(res.body.error).toMatch(/уже изменил другой сотрудник/);
    expect(await storeState()).toBe(before);
  });

  it('refuses an event the current step does not accept with 409', async () => {
    const { body } = await submit();
    const before = await storeState();
    const res = await send(body.application.id, 'head@sample', 'SIGN', 1);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/невозможно/);
    expect(await storeState()).toBe(before);
  });

  it('checks the event payload against its task form (422)', async () => {
    const { body } = await submit();
    const id = body.application.id;
    await send(id, 'officer@sample', 'REGISTER', 1);
    const before = await storeState();
    const res = await send(id, 'officer@sample', 'REVIEW', 2, { result: { decision: 'maybe' } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('result.decision');
    expect(await storeState()).toBe(before);
  });

  it('rejects a malformed event request with 400 before the engine sees it', async () => {
    const { body } = await submit();
    const h = await bearer('officer@sample');
    const before = await storeState();
    const wrongType = await api.http().post(`/api/applications/${body.application.id}/events`).set(h).send({ event: 'REGISTER', version: 'one' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ path: 'version', keyword: 'type' })]);
    const missing = await api.http().post(`/api/applications/${body.application.id}/events`).set(h).send({ event: 'REGISTER' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ path: 'version', keyword: 'required' });
    expect(await storeState()).toBe(before);
  });
});

describe('who sees an application', () => {
  it('hides it (404) from another applicant, staff of another region, and unknown ids', async () => {
    const { body } = await submit();
    const id = body.application.id;
    await api.running.users.upsert({ ...api.running.users.find('applicant@sample')!, login: 'applicant2@sample', name: 'Второй заявитель' });
    const res2 = await api.http().post('/api/auth/login').send({ login: 'applicant2@sample', password: 'applicant' });
    const other = { Authorization: `Bearer ${res2.body.token}` };
    expect((await api.http().get(`/api/applications/${id}`).set(other)).status).toBe(404);
    expect((await api.http().get(`/api/applications/${id}`).set(await bearer('officer@other'))).status).toBe(404);
    expect((await api.http().get('/api/applications/no-such-id').set(await bearer('officer@sample'))).status).toBe(404);

    const before = await storeState();
    expect((await send(id, 'officer@other', 'REGISTER', 1)).status).toBe(404);
    expect((await api.http().post(`/api/applications/${id}/withdraw`).set(other).send({ version: 1 })).status).toBe(404);
    expect((await send('no-such-id', 'officer@sample', 'REGISTER', 1)).status).toBe(404);
    expect(await storeState()).toBe(before);
  });

  it('shows it to the staff of its region', async () => {
    const { body } = await submit();
    const res = await api.http().get(`/api/applications/${body.application.id}`).set(await bearer('head@sample'));
    expect(res.status).toBe(200);
    expect(res.body.allowedEvents).toEqual([]); // the head has nothing to do at registration
  });
});

describe('withdrawal', () => {
  it("sends the procedure's withdrawal event for the applicant and ends the application", async () => {
    const { body } = await submit();
    const res = await api.http().post(`/api/applications/${body.application.id}/withdraw`).set(await bearer('applicant@sample')).send({ version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ state: 'withdrawn', final: true, outcome: 'withdrawn' });
    const again = await api.http().post(`/api/applications/${body.application.id}/withdraw`).set(await bearer('applicant@sample')).send({ version: 2 });
    expect(again.status).toBe(409);
  });

  it('is not for staff (403)', async () => {
    const { body } = await submit();
    const res = await api.http().post(`/api/applications/${body.application.id}/withdraw`).set(await bearer('officer@sample')).send({ version: 1 });
    expect(res.status).toBe(403);
  });
});

describe("an applicant's own applications", () => {
  it('lists only what they filed', async () => {
    const { body } = await submit();
    const res = await api.http().get('/api/regions/sample/my-applications?final=false').set(await bearer('applicant@sample'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { application: { id: string } }) => i.application.id)).toContain(body.application.id);
    for (const item of res.body.items) expect(item.application.applicantId).toBe('applicant@sample');
    expect((await api.http().get('/api/regions/sample/my-applications').set(await bearer('officer@sample'))).status).toBe(403);
  });
});

describe('inbox', () => {
  it("lists the region's applications for its staff, with filters and paging", async () => {
    await submit();
    const res = await api.http().get('/api/regions/sample/inbox?state=registration&limit=2').set(await bearer('officer@sample'));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.items.length);
    for (const item of res.body.items) expect(item.state).toBe('registration');
    const overdue = await api.http().get('/api/regions/sample/inbox?overdue=true').set(await bearer('officer@sample'));
    expect(overdue.status).toBe(200);
    for (const item of overdue.body.items) expect(item.due.step.overdue).toBe(true);
  });

  it('is closed to applicants, to staff of other regions and to the anonymous', async () => {
    expect((await api.http().get('/api/regions/sample/inbox').set(await bearer('applicant@sample'))).status).toBe(403);
    expect((await api.http().get('/api/regions/sample/inbox').set(await bearer('officer@other'))).status).toBe(403);
    expect((await api.http().get('/api/regions/sample/inbox')).status).toBe(401);
  });

  it('rejects bad paging parameters with 400', async () => {
    const res = await api.http().get('/api/regions/sample/inbox?limit=0').set(await bearer('officer@sample'));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('limit');
  });
});
