/**
 * Section V on Vologda over HTTP: a complaint on one of the complainant's own applications (the server
 * refuses one on someone else's), refused on a ground of 5.11 quoted in full, or taken for consideration
 * and reviewed with a request for information that the complainant answers, then decided and notified;
 * withdrawn until the decision (5.6); a repeated complaint and a refused restoration of the term may not
 * be considered (5.11). Dates: filed Monday 03.03.2025 at 10:00 and registered that day; 8 March 2025
 * was a Saturday whose holiday moved to 13 June (decree No. 1335), so 10 March is a working day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { regionSteps } from './regionSteps.ts';
import { complaintSubmission } from './vologdaComplaint.ts';
import { grantSubmission, signing, terminateSubmission } from './vologdaData.ts';

let api: TestApi;
let s: ReturnType<typeof regionSteps>;
let mine: { id: string; number: string };

beforeAll(async () => {
  api = await startTestApi([VOLOGDA]);
  s = regionSteps(api, 'vologda');
  const filed = await s.file('grant', grantSubmission());
  mine = { id: filed.application.id, number: filed.application.number };
});
afterAll(() => api?.close());

/** A complaint on `on` (default: a grant of the complainant's own, filed afresh so it has no earlier complaint). */
const fileComplaint = async (over: Record<string, unknown> = {}, on?: string, subjectOver: Record<string, unknown> = {}) => {
  const subject = on ?? (await s.file('grant', grantSubmission())).application.id;
  const submission = complaintSubmission(subject, over);
  return (await s.file('complaint', { ...submission, subject: { ...submission.subject, ...subjectOver } })).application;
};
const documentText = async (app: { documents: { id: string; template: string }[] }, template: string, login = 'applicant@vologda') => {
  const doc = app.documents.find((d) => d.template === template);
  expect(doc, template).toBeDefined();
  return (await api.http().get(`/api/documents/${doc!.id}`).set(await s.bearer(login))).text;
};

describe('filing a complaint (5.1–5.4, 5.9)', () => {
  it('names one of the complainant’s own applications; someone else’s is refused at its path (422)', async () => {
    const others = (await s.file('terminate', terminateSubmission('2025-0001'), 'officer@vologda')).application.id;
    const res = await api.http().post('/api/regions/vologda/services/complaint/applications').set(await s.bearer('applicant@vologda')).send({ submission: complaintSubmission(others) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'subject.application', keyword: 'application' })]);
    expect(res.body.errors[0].message).toMatch(/не найдено среди ваших заявлений/);
  });

  it('is registered with the 5 working days of 5.12 for a refusal and the 15 of 5.8 for the review', async () => {
    const app = await fileComplaint({}, mine.id);
    expect(app).toMatchObject({ state: 'acceptance', registeredOn: '2025-03-03', fee: { amount: 0 } });
    // 5.12, from receipt (Mon 3 Mar): 4, 5, 6, 7, 10 Mar. 5.8, from registration (3 Mar): 4–7 (4), 10–14 (9), 17–21 (14), 24 Mar (15).
    expect(app.stepDue).toEqual({ date: '2025-03-10', provisional: false });
    expect(app.serviceDue).toEqual({ date: '2025-03-24', provisional: false });
    expect(app.references.subject.application).toMatchObject({ id: mine.id, number: mine.number, service: { id: 'grant' }, earlier: 0 });
  });
});

describe('refused on a ground of 5.11', () => {
  it('quotes the ground in full in the decision the head signs', async () => {
    const app = await fileComplaint();
    await s.step(app.id, 'ACCEPT', { acceptance: { decision: 'refuse', grounds: ['courtDecision'], reasons: 'Решение Арбитражного суда Вологодской области по делу № А13-1/2025' } }, 'officer@vologda');
    const done = await s.step(app.id, 'SIGN_REFUSAL', signing('5-ж'), 'head@vologda');
    expect(done.application).toMatchObject({ state: 'refused', final: true, outcome: 'refused' });
    const html = await documentText(done.application, 'complaint-refusal');
    expect(html).toContain('Имеется решение суда по вопросам, поставленным в жалобе. (пункт 5.11, подп. 4 административного регламента)');
    expect(html).toMatch(/по заявлению № \S+ от 03\.03\.2025 \(Предоставление лицензии\)/);
    expect(html).toContain('Документ подписан электронной подписью');
  });
});

describe('reviewed with a request for information (5.8, 5.10)', () => {
  it('asks the complainant, who sees and answers the request while the review’s term stands; then decided, signed and notified', async () => {
    const app = await fileComplaint();
    await s.step(app.id, 'ACCEPT', { acceptance: { decision: 'consider' } }, 'officer@vologda');
    // Asked on Wed 5 Mar 2025.
    api.clock.current = new Date('2025-03-05T10:00:00+03:00');
    api.forgetTokens();
    const asked = await s.step(app.id, 'REQUEST_INFO', { request: { text: 'Копию уведомления о регистрации заявления' } }, 'officer@vologda');
    expect(asked.step).toMatchObject({ id: 'awaitingInfo', role: 'applicant' });
    // 5.10: five working days from the request: 6, 7, 10, 11, 12 Mar; the review's term stands meanwhile.
    expect(asked.application.stepDue).toEqual({ date: '2025-03-12', provisional: false });
    expect(asked.suspended).toMatchObject({ since: '2025-03-05', until: '2025-03-12', deadlines: [{ id: 'complaintReview' }], clause: '5.10' });

    // The request is addressed to the complainant: they see it, and the step waits for them.
    const theirs = await s.read(app.id, 'applicant@vologda');
    expect(theirs.body.application.data.REQUEST_INFO).toEqual({ request: { text: 'Копию уведомления о регистрации заявления' } });
    expect(theirs.body.allowedEvents.map((e: { event: string }) => e.event)).toEqual(['PROVIDE_INFO', 'WITHDRAW']);
    expect(await documentText(theirs.body.application, 'complaint-info-request')).toContain('не позднее 12.03.2025');

    // Answered on Tue 11 Mar: the clock stood on 6, 7, 10, 11 Mar, so the review, due Mon 24 Mar, is due
    // 4 working days later: Fri 28 Mar.
    api.clock.current = new Date('2025-03-11T10:00:00+03:00');
    api.forgetTokens();
    const answered = await s.step(app.id, 'PROVIDE_INFO', { answer: { text: 'Уведомление прилагаю' } }, 'applicant@vologda');
    expect(answered.application.serviceDue).toEqual({ date: '2025-03-28', provisional: false });
    expect(answered.suspended).toBeNull();
    await s.step(app.id, 'SUBMIT_COMPLAINT_DECISION', { draft: { decision: 'satisfy', reasons: 'Регистрация с нарушением срока 2.12', measures: 'Провести инструктаж' } }, 'officer@vologda');
    await s.step(app.id, 'SIGN_DECISION', signing('6-ж'), 'head@vologda');
    // After the decision the complaint can no longer be withdrawn (5.6).
    expect((await s.read(app.id, 'applicant@vologda')).body.allowedEvents).toEqual([]);
    const done = await s.step(app.id, 'NOTIFY', undefined, 'officer@vologda');
    expect(done.application).toMatchObject({ state: 'satisfied', outcome: 'satisfied' });
    const mineNow = (await s.read(app.id, 'applicant@vologda')).body.application;
    expect(mineNow.documents.map((d: { template: string }) => d.template)).toEqual(['complaint-info-request', 'complaint-decision', 'complaint-notice']);
    // The draft decision is the Department's working data; the complainant reads the signed one.
    expect(mineNow.data.SUBMIT_COMPLAINT_DECISION).toEqual({});
    expect(await documentText(mineNow, 'complaint-notice')).toContain('жалоба удовлетворена');
  });
});

describe('withdrawal (5.6) and what may not be considered (5.5, 5.11)', () => {
  it('withdraws until the decision, with a notice that the same complaint may not be sent again', async () => {
    const app = await fileComplaint();
    const res = await api.http().post(`/api/applications/${app.id}/events`).set(await s.bearer('applicant@vologda'))
      .send({ event: 'WITHDRAW', version: app.version, payload: { statement: { text: 'Отзываю жалобу' } } });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn' });
    expect(await documentText(res.body.application, 'complaint-withdrawn')).toContain('Повторное направление жалобы по тем же основаниям не допускается');
  });

  it('marks a second complaint on the same application and refuses to consider it without new arguments', async () => {
    const first = await fileComplaint({}, mine.id);
    const app = await fileComplaint({}, mine.id);
    expect(app.references.subject.application.earlier).toBeGreaterThan(first.references.subject.application.earlier);
    const h = await s.bearer('officer@vologda');
    const without = await api.http().post(`/api/applications/${app.id}/events`).set(h).send({ event: 'ACCEPT', version: app.version, payload: { acceptance: { decision: 'consider' } } });
    expect(without.status).toBe(422);
    expect(without.body.errors.map((e: { path: string }) => e.path)).toEqual(['acceptance.newArguments']);
    const old = await api.http().post(`/api/applications/${app.id}/events`).set(h).send({ event: 'ACCEPT', version: app.version, payload: { acceptance: { decision: 'consider', newArguments: false } } });
    expect(old.status).toBe(409);
    expect(old.body.error).toMatch(/5\.11, подп\. 5, 7/);
    const fresh = await api.http().post(`/api/applications/${app.id}/events`).set(h).send({ event: 'ACCEPT', version: app.version, payload: { acceptance: { decision: 'consider', newArguments: true } } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.step.id).toBe('review');
  });

  it('does not consider a complaint filed after its 30 calendar days without a request to restore the term (5.4, 5.11 item 1)', async () => {
    // Learned on 10 Jan 2025: day 30 is Sun 9 Feb, so the term ends on Mon 10 Feb; filed on 3 Mar.
    api.clock.current = new Date('2025-03-03T10:00:00+03:00');
    api.forgetTokens();
    const late = await fileComplaint({}, undefined, { learnedOn: '2025-01-10' });
    const h = await s.bearer('officer@vologda');
    const refused = await api.http().post(`/api/applications/${late.id}/events`).set(h).send({ event: 'ACCEPT', version: late.version, payload: { acceptance: { decision: 'consider' } } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/5\.11, подп\. 1/);
    // The refusal on ground 1 goes through.
    const ok = await api.http().post(`/api/applications/${late.id}/events`).set(h).send({ event: 'ACCEPT', version: late.version, payload: { acceptance: { decision: 'refuse', grounds: ['lateWithoutRequest'], reasons: 'Срок подачи жалобы истек 10.02.2025' } } });
    expect(ok.status).toBe(200);
  });

  it('does not consider a complaint whose request to restore the term was refused (5.5, 5.11 item 2)', async () => {
    const app = await fileComplaint({ restoration: { requested: true, reason: 'Болезнь руководителя' } });
    const h = await s.bearer('officer@vologda');
    const refused = await api.http().post(`/api/applications/${app.id}/events`).set(h).send({ event: 'ACCEPT', version: app.version, payload: { acceptance: { decision: 'consider', restoration: 'refused' } } });
    expect(refused.body.error).toMatch(/5\.11, подп\. 2/);
    expect(refused.status).toBe(409);
  });
});
