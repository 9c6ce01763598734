/**
 * 2.10.3 over HTTP on Vologda: no fee is charged when the registry is changed to correct the Department's
 * own error, and whether it is is the Department's finding. The applicant cannot claim it in the form; the
 * officer records it at registration, the fee is chosen again, and the applicant sees the new fee and a
 * notice saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { regionSteps } from './regionSteps.ts';
import { amendSubmission } from './vologdaData.ts';

let api: TestApi;
let s: ReturnType<typeof regionSteps>;
const LICENCE = '2025-0001';

beforeAll(async () => {
  api = await startTestApi([VOLOGDA]);
  s = regionSteps(api, 'vologda');
});
afterAll(() => api?.close());

describe('2.10.3: the fee for correcting the Department’s own error', () => {
  it('is not the applicant’s to claim: the form has no such field', async () => {
    const submission = await api.withUploads('applicant@vologda', 'vologda', 'amend', amendSubmission(LICENCE));
    const res = await api.http().post('/api/regions/vologda/services/amend/applications').set(await s.bearer('applicant@vologda'))
      .send({ submission: { ...submission, reason: { ...submission.reason, authorityError: true } } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason.authorityError']);
  });

  it('is waived when the officer finds the error at registration, and the applicant is told', async () => {
    const { application } = await s.file('amend', amendSubmission(LICENCE));
    expect(application.fee).toMatchObject({ feeId: 'amendContacts', amount: 750, exemption: null }); // 2.10.1, subpara. 3
    await s.step(application.id, 'REGISTER', { fee: { authorityError: true, errorDescription: 'При внесении записи в реестр допущена опечатка в номере телефона' } }, 'officer@vologda');

    const mine = await s.read(application.id, 'applicant@vologda');
    expect(mine.body.application.fee).toMatchObject({ feeId: 'amendContacts', amount: 0, exemption: { id: 'authorityError', clause: '2.10.3' } });
    const notice = mine.body.application.documents.find((d: { template: string }) => d.template === 'notice-fee-exemption');
    expect(notice).toBeDefined();
    const html = (await api.http().get(`/api/documents/${notice.id}`).set(await s.bearer('applicant@vologda'))).text;
    expect(html).toContain('опечатка в номере телефона');
    expect(html).toMatch(/плата с заявителя\s+не взимается/);
  });

  it('stays when the officer finds no such error, and no notice is sent', async () => {
    const { application } = await s.file('amend', amendSubmission(LICENCE));
    await s.step(application.id, 'REGISTER', { fee: { authorityError: false } }, 'officer@vologda');
    const mine = await s.read(application.id, 'applicant@vologda');
    expect(mine.body.application.fee).toMatchObject({ amount: 750, exemption: null });
    expect(mine.body.application.documents).toEqual([]);
  });

  it('asks the officer what the error was', async () => {
    const { application } = await s.file('amend', amendSubmission(LICENCE));
    const res = await api.http().post(`/api/applications/${application.id}/events`).set(await s.bearer('officer@vologda'))
      .send({ event: 'REGISTER', version: application.version, payload: { fee: { authorityError: true } } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['fee.errorDescription']);
  });
});
