/**
 * Section IV on Vologda over HTTP: the official who exercises control (4.2, 4.3) sees every application
 * of the region and its working data, but acts on none of them; a check of completeness and quality
 * (4.3) is their own procedure: it names the applications it covers (checked by the server: they must be
 * the region's) and ends with its act.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRegion, startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { regionSteps } from './regionSteps.ts';
import { grantSubmission } from './vologdaData.ts';

let api: TestApi;
let s: ReturnType<typeof regionSteps>;
let grantId: string;

beforeAll(async () => {
  api = await startTestApi([VOLOGDA, await copyRegion(VOLOGDA, 'cherepovets')]);
  s = regionSteps(api, 'vologda');
  grantId = (await s.file('grant', grantSubmission())).application.id;
  await s.step(grantId, 'REGISTER');
  await s.step(grantId, 'CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-03', comment: 'Служебная отметка' } });
});
afterAll(() => api?.close());

describe('current control (4.2): the controller reads everything and changes nothing', () => {
  it('reads any application of the region, its internal data included, and the inbox', async () => {
    const res = await s.read(grantId, 'controller@vologda');
    expect(res.status).toBe(200);
    expect(res.body.application.data.CHECK_SIGNATURE.signature.comment).toBe('Служебная отметка');
    expect(res.body.allowedEvents).toEqual([]);
    const inbox = await api.http().get('/api/regions/vologda/inbox?view=all').set(await s.bearer('controller@vologda'));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(grantId);
  });

  it('reads the region’s reports, and not another region’s', async () => {
    const reports = await api.http().get('/api/regions/vologda/reports').set(await s.bearer('controller@vologda'));
    expect(reports.status).toBe(200);
    expect((await api.http().get('/api/regions/cherepovets/reports').set(await s.bearer('controller@vologda'))).status).not.toBe(200);
  });

  it('may not take any step (403) and leaves the application as it was', async () => {
    const before = (await s.read(grantId, 'officer@vologda')).body.application.version;
    const h = await s.bearer('controller@vologda');
    for (const event of ['CHECK_COMPLETENESS', 'SUBMIT_REQUESTS', 'WITHDRAW']) {
      const res = await api.http().post(`/api/applications/${grantId}/events`).set(h).send({ event, version: before, payload: {} });
      expect(res.status, event).toBe(403);
    }
    expect((await s.read(grantId, 'officer@vologda')).body.application.version).toBe(before);
  });

  it("sees nothing of another region (404)", async () => {
    expect((await s.read(grantId, 'controller@cherepovets')).status).toBe(404);
  });
});

describe('a check of completeness and quality (4.3)', () => {
  const check = (applications: unknown[]) => ({
    basis: { kind: 'unplanned', orderNumber: '77-п', orderDate: '2025-03-03', violation: 'Жалоба на нарушение срока регистрации' },
    scope: { periodFrom: '2025-01-01', periodTo: '2025-03-03', applications },
  });

  it('is opened only by the controller', async () => {
    const res = await api.http().post('/api/regions/vologda/services/control-check/applications').set(await s.bearer('applicant@vologda')).send({ submission: check([]) });
    expect(res.status).toBe(403);
  });

  it('names only applications of the region, by path (422)', async () => {
    const other = (await regionSteps(api, 'cherepovets').file('grant', grantSubmission())).application.id;
    const h = await s.bearer('controller@vologda');
    for (const id of ['no-such-application', other]) {
      const res = await api.http().post('/api/regions/vologda/services/control-check/applications').set(h).send({ submission: check([{ application: id }]) });
      expect(res.status, id).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'scope.applications.0.application', keyword: 'application' })]);
      expect(res.body.errors[0].message).toMatch(/не найдено среди заявлений региона/);
    }
  });

  it('ends with its act, listing the applications checked, the shortcomings and the proposals', async () => {
    const opened = await s.file('control-check', check([{ application: grantId }]), 'controller@vologda');
    expect(opened.step).toMatchObject({ id: 'checking', role: 'controller' });
    const done = await s.step(opened.application.id, 'RECORD_ACT', {
      act: { actDate: '2025-03-05', violationsFound: true, findings: 'Заявление зарегистрировано с нарушением срока', proposals: 'Регистрировать в день поступления' },
      signer: { name: 'И. П. Смирнов', position: 'Главный специалист отдела контроля' },
    }, 'controller@vologda');
    expect(done.application).toMatchObject({ state: 'completed', final: true, outcome: 'completed' });
    const act = done.application.documents.find((d: { template: string }) => d.template === 'control-act');
    const html = (await api.http().get(`/api/documents/${act.id}`).set(await s.bearer('controller@vologda'))).text;
    const grantNumber = (await s.read(grantId, 'officer@vologda')).body.application.number;
    expect(html).toContain(`№ ${grantNumber} — Предоставление лицензии`);
    expect(html).toContain('внеплановая, на основании приказа от 03.03.2025 № 77-п');
    expect(html).toContain('Предложения по их устранению: Регистрировать в день поступления');
    expect(html).toContain('Главный специалист отдела контроля И. П. Смирнов');
  });
});
