/**
 * 3.1.5 over HTTP on Vologda: the applicant may ask to leave the application without consideration
 * through the ЕПГУ or in person at the Department; in person, the officer records it with the written
 * request attached. Either way the applicant gets a notice, and only before the decision and the term.
 * Filed Mon 3 Mar 2025: a licence is due 35 working days from receipt (no holiday falls on a working day
 * of March or April 2025 before the May holidays): 4-7 Mar (4), 10-14 (9), 17-21 (14), 24-28 (19),
 * 31 Mar-4 Apr (24), 7-11 (29), 14-18 (34), Mon 21 Apr 2025 (35).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { file, startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { regionSteps } from './regionSteps.ts';
import { grantSubmission } from './vologdaData.ts';

let api: TestApi;
let s: ReturnType<typeof regionSteps>;

beforeAll(async () => {
  api = await startTestApi([VOLOGDA]);
  s = regionSteps(api, 'vologda');
});
afterAll(() => api?.close());

const inPerson = (on: string) => ({ statement: { receivedOn: on, person: 'Смирнов Петр Иванович', document: file('zayavlenie.pdf') } });

describe('withdrawal made in person (3.1.5)', () => {
  it('is recorded by the officer with the written request, and the applicant gets the notice', async () => {
    const { application } = await s.file('grant', grantSubmission());
    expect(application.serviceDue).toEqual({ date: '2025-04-21', provisional: false });
    await s.step(application.id, 'REGISTER');
    const done = await s.step(application.id, 'WITHDRAW_IN_PERSON', inPerson('2025-03-03'), 'officer@vologda');
    expect(done.application).toMatchObject({ state: 'withdrawn', final: true, outcome: 'withdrawn', licence: null });
    const mine = (await s.read(application.id, 'applicant@vologda')).body.application;
    const notice = mine.documents.find((d: { template: string }) => d.template === 'notice-withdrawal');
    const html = (await api.http().get(`/api/documents/${notice.id}`).set(await s.bearer('applicant@vologda'))).text;
    expect(html).toContain('поданному лично 03.03.2025');
    expect(html).toContain('не препятствует повторному обращению');
  });

  it('needs the written request attached (422 at its path)', async () => {
    const { application } = await s.file('grant', grantSubmission());
    const payload = inPerson('2025-03-03') as { statement: Record<string, unknown> };
    delete payload.statement.document;
    const res = await api.http().post(`/api/applications/${application.id}/events`).set(await s.bearer('officer@vologda')).send({ event: 'WITHDRAW_IN_PERSON', version: application.version, payload });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['statement.document']);
  });

  it('is refused after the term has run out, with the reason of 3.1.5', async () => {
    const { application } = await s.file('grant', grantSubmission());
    // Tue 22 Apr 2025 is the day after the last day of the term.
    api.clock.current = new Date('2025-04-22T10:00:00+03:00');
    api.forgetTokens();
    const officer = await s.bearer('officer@vologda');
    // The action is no longer offered, with the reason; attaching the written request is refused with it too.
    const view = await api.http().get(`/api/applications/${application.id}`).set(officer);
    expect(view.body.allowedEvents.map((e: { event: string }) => e.event)).not.toContain('WITHDRAW_IN_PERSON');
    expect(view.body.unavailableEvents).toContainEqual(expect.objectContaining({ event: 'WITHDRAW_IN_PERSON', clause: '3.1.5', reason: expect.stringMatching(/до истечения срока/) }));
    await expect(api.withTaskUploads('officer@vologda', application.id, 'WITHDRAW_IN_PERSON', inPerson('2025-04-22'))).rejects.toThrow(/409.*3\.1\.5/);
  });

  it('through the ЕПГУ, by the applicant, also ends with the notice', async () => {
    api.clock.current = new Date('2025-03-03T10:00:00+03:00');
    api.forgetTokens();
    const { application } = await s.file('grant', grantSubmission());
    const res = await api.http().post(`/api/applications/${application.id}/withdraw`).set(await s.bearer('applicant@vologda')).send({ version: 1, payload: { statement: { text: 'Прошу оставить заявление без рассмотрения' } } });
    expect(res.status).toBe(200);
    expect(res.body.application.documents.map((d: { template: string }) => d.template)).toEqual(['notice-withdrawal']);
  });
});
