/**
 * What the applicant sees of their application, enforced by the server (issue: the applicant saw
 * officers' comments, draft decisions and inspectors' names). On Vologda: steps marked `internal`
 * (drafting, interagency requests), internal task-form fields (the signature check's comment, the
 * completeness findings, the inspectors) and internal documents (the assessment order) never reach the
 * applicant, over any route; the staff still see all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { regionSteps } from './regionSteps.ts';
import { grantSubmission, signing } from './vologdaData.ts';

let api: TestApi;
let s: ReturnType<typeof regionSteps>;
let id: string;

const INSPECTOR = 'Сидоров Сергей Семёнович';
const COMMENT = 'Подпись проверена через ГУЦ, замечаний нет';

beforeAll(async () => {
  api = await startTestApi([VOLOGDA]);
  s = regionSteps(api, 'vologda');
  id = (await s.file('grant', grantSubmission())).application.id;
  await s.step(id, 'REGISTER');
  await s.step(id, 'CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-04', comment: COMMENT } });
  await s.step(id, 'SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'treasury', channel: 'smev' }] } });
  await s.step(id, 'SIGN_REQUESTS');
  await s.step(id, 'RECORD_RESPONSES', { responses: { items: [{ recipient: 'treasury', receivedOn: '2025-03-05', summary: 'Пошлина уплачена' }] } });
  await s.step(id, 'CHECK_COMPLETENESS', { completeness: { result: 'complete' } });
  await s.step(id, 'SUBMIT_ASSESSMENT_ORDER', {
    order: { assessmentForm: 'onSite', startDate: '2025-03-12', endDate: '2025-03-13', places: [{ address: 'г. Вологда, ул. Промышленная, д. 5' }], inspectors: INSPECTOR },
  });
  await s.step(id, 'SIGN_ASSESSMENT_ORDER', signing('45-о'));
  await s.step(id, 'NOTIFY_ASSESSMENT');
});
afterAll(() => api?.close());

describe('the applicant reads their application', () => {
  it('sees the step, its due date and the documents addressed to them', async () => {
    const res = await s.read(id, 'applicant@vologda');
    expect(res.status).toBe(200);
    expect(res.body.step).toMatchObject({ id: 'assessment', role: 'officer' });
    expect(res.body.step.due.date).toMatch(/^2025-\d\d-\d\d$/);
    expect(res.body.application.documents.map((d: { template: string }) => d.template)).toEqual(['notice-assessment']);
  });

  it('gets none of the working data: no internal step, field or staff login anywhere in the answer', async () => {
    const res = await s.read(id, 'applicant@vologda');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(INSPECTOR);
    expect(text).not.toContain(COMMENT);
    expect(text).not.toContain('officer@vologda');
    expect(text).not.toContain('head@vologda');
    const data = res.body.application.data;
    // Sent from internal steps: the interagency requests and the draft assessment order.
    expect(Object.keys(data)).not.toContain('SUBMIT_REQUESTS');
    expect(Object.keys(data)).not.toContain('SUBMIT_ASSESSMENT_ORDER');
    // Sent from a public step, with its internal comment cut out.
    expect(data.CHECK_SIGNATURE).toEqual({ signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-04' } });
    // Every step is still in the history, by role, with no login and no hash of what staff sent.
    const history = res.body.application.history as { event: string; actor: { userId: string; roles: string[] }; payloadHash: string }[];
    expect(history.map((h) => h.event)).toEqual(['SUBMIT', 'REGISTER', 'CHECK_SIGNATURE', 'SUBMIT_REQUESTS', 'SIGN_REQUESTS', 'RECORD_RESPONSES', 'CHECK_COMPLETENESS', 'SUBMIT_ASSESSMENT_ORDER', 'SIGN_ASSESSMENT_ORDER', 'NOTIFY_ASSESSMENT']);
    expect(history[0].actor.userId).toBe('applicant@vologda');
    expect(history[0].payloadHash).toMatch(/^[0-9a-f]{64}$/);
    for (const h of history.slice(1)) expect(h, h.event).toMatchObject({ actor: { userId: '' }, payloadHash: '' });
    expect(history[3].actor.roles).toEqual(['officer']);
  });

  it('cannot open an internal document by its id (404), though the staff can', async () => {
    const staff = await s.read(id, 'officer@vologda');
    const order = staff.body.application.documents.find((d: { template: string }) => d.template === 'order-assessment');
    expect(order).toBeDefined();
    const asApplicant = await api.http().get(`/api/documents/${order.id}`).set(await s.bearer('applicant@vologda'));
    expect(asApplicant.status).toBe(404);
    const asOfficer = await api.http().get(`/api/documents/${order.id}`).set(await s.bearer('officer@vologda'));
    expect(asOfficer.status).toBe(200);
    expect(asOfficer.text).toContain(INSPECTOR);
  });

  it('gets the same cut in the list of their applications', async () => {
    const res = await api.http().get('/api/regions/vologda/my-applications').set(await s.bearer('applicant@vologda'));
    expect(res.status).toBe(200);
    const mine = res.body.items.find((i: { application: { id: string } }) => i.application.id === id);
    expect(JSON.stringify(mine)).not.toContain(INSPECTOR);
    expect(JSON.stringify(mine)).not.toContain(COMMENT);
  });
});

describe('the staff read the same application', () => {
  it("see every step's data, the comment, the inspectors and who acted", async () => {
    for (const login of ['officer@vologda', 'head@vologda']) {
      const res = await s.read(id, login);
      const text = JSON.stringify(res.body);
      expect(text, login).toContain(INSPECTOR);
      expect(text, login).toContain(COMMENT);
      expect(res.body.application.data.SUBMIT_REQUESTS).toBeDefined();
      expect(res.body.application.history[1].actor.userId).toBe('officer@vologda');
    }
  });
});
