/**
 * The access order (regions/platform) on the real server: Appendix 1 and 2 validation, the route each
 * category of users takes (sections 1 and 3 to the Coordinator and the administrators, section 2 to
 * support), the 2.1 request filed by the authorised person under the head's signature, the operator's
 * approval and support's 5 working days (2.2) through the May holidays, and the registry attribute form
 * turned into a registry.yaml.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryFromAnswers } from '../../tools/onboarding/registryFromAnswers.ts';
import { file, startTestApi, type TestApi } from '../server/harness.ts';
import { PLATFORM } from './cli.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi([PLATFORM]);
});
afterAll(() => api?.close());

/** Signs in afresh: tokens are dated by the test clock, which these tests move. */
async function bearer(login: string) {
  const res = await api.http().post('/api/auth/login').send({ login, password: login.split('@')[0] });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status}`);
  return { Authorization: `Bearer ${res.body.token as string}` };
}

async function apply(service: string, submission: unknown, login = 'authorisedPerson@platform', at = '2025-04-28T10:00:00+03:00') {
  api.clock.current = new Date(at);
  api.forgetTokens(); // signed in again on the moved clock
  // Someone who may not file may not upload either: their filing goes without files, to be refused as a whole.
  const withFiles = await api.withUploads(login, 'platform', service, submission).catch(() => submission);
  return api.http().post(`/api/regions/platform/services/${service}/applications`).set(await bearer(login)).send({ submission: withFiles });
}

async function send(id: string, login: string, event: string, version: number) {
  return api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version });
}

const authorities = () => [
  { name: 'Департамент природных ресурсов', ogrn: '1027700132195', service: 'Лицензирование заготовки лома', headName: 'Иванов Иван Иванович', headPosition: 'Начальник Департамента' },
];
const confirmations = () => ({ qualified: true, dataLossRisk: true, consultationScope: true });
const signature = () => ({ headPosition: 'Начальник Департамента', headName: 'Иванов И. И.', signedOn: '2025-04-25', signed: file('zayavka.pdf') });

/** Appendix 2 for section 2 of the order (licensing subsystem only). */
const appendix2 = () => ({
  request: { regionName: 'Вологодская область', authorities: authorities() },
  users: { users: [{ fullName: 'Петрова Анна Сергеевна', position: 'Консультант', snils: '112-233-445 95', phone: '+7 (921) 123-45-67', email: 'petrova@example.ru' }] },
  confirmations: confirmations(),
  signature: signature(),
});
/** Sections 1 and 3: a user asks the Coordinator or an administrator; the order prescribes no form. */
const userRequest = () => ({
  request: { regionName: 'Вологодская область', authorityName: 'Департамент природных ресурсов', authorityOgrn: '1027700132195' },
  users: { users: [{ fullName: 'Сидоров Сергей Петрович', position: 'Главный специалист', email: 'sidorov@example.ru' }] },
});

describe('Appendix 2: request for access without the full functionality', () => {
  it('reports a bad СНИЛС, a missing and an unticked confirmation as field errors, and stores nothing', async () => {
    const bad = appendix2();
    bad.users.users[0]!.snils = '112-233-445 96'; // control number off by one
    delete (bad.confirmations as Partial<ReturnType<typeof confirmations>>).dataLossRisk;
    bad.confirmations.consultationScope = false;
    bad.request.authorities[0]!.ogrn = '1027700132194';
    const res = await apply('access', bad);
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(['confirmations.consultationScope', 'confirmations.dataLossRisk', 'request.authorities.0.ogrn', 'users.users.0.snils']);
    expect(byPath['users.users.0.snils']).toMatch(/контрольн/);
    expect(byPath['confirmations.consultationScope']).toMatch(/отметить/);
    const inbox = await api.running.store.listApplications({ region: 'platform', limit: 10, offset: 0 });
    expect(inbox.total).toBe(0);
  });

  it('is filed by the authorised person under the head\'s signature (2.1), not by the coordinator', async () => {
    expect((await apply('access', appendix2(), 'coordinator@platform')).status).toBe(403);
    expect((await apply('access', appendix2(), 'user@platform')).status).toBe(403);
    const unsigned = appendix2() as Record<string, unknown>;
    delete unsigned.signature;
    const res = await apply('access', unsigned);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['signature']);
    const filed = await apply('access', appendix2());
    expect(filed.status).toBe(201);
    expect(filed.body.application.submission.signature).toMatchObject({ headName: 'Иванов И. И.', signedOn: '2025-04-25' });
  });
});

describe('Appendix 1: request to configure standards (1.2)', () => {
  const appendix1 = () => ({ request: { regionName: 'Вологодская область', authorities: authorities() }, confirmations: confirmations(), signature: { headPosition: 'Начальник Департамента', headName: 'Иванов И. И.', signed: file('zayavka.pdf') } });

  it('requires the three confirmations', async () => {
    const bad = appendix1();
    delete (bad.confirmations as Partial<ReturnType<typeof confirmations>>).qualified;
    const res = await apply('standards', bad, 'subjectAdmin@platform');
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['confirmations.qualified']);
  });

  it('is filed by the subject administrator and closed by support', async () => {
    const filed = await apply('standards', appendix1(), 'subjectAdmin@platform');
    expect(filed.status).toBe(201);
    expect((await apply('standards', appendix1(), 'operator@platform')).status).toBe(403);
    const done = await send(filed.body.application.id, 'support@platform', 'CONFIGURE', 1);
    expect(done.body.application).toMatchObject({ state: 'configured', final: true, outcome: 'configured' });
    expect(done.body.application.documents).toHaveLength(1);
  });
});

describe('the route of each category of users', () => {
  it('sends sections 1 and 3 to the Coordinator and the administrators, and only section 2 to support', async () => {
    const registered = await apply('access-registered', userRequest(), 'user@platform');
    const licensing = await apply('access', appendix2());
    const full = await apply('access-unregistered', userRequest(), 'user@platform');
    expect(registered.body.step).toMatchObject({ id: 'localGrant', role: 'authorityAdmin' });
    expect(licensing.body.step).toMatchObject({ id: 'received', role: 'support' });
    expect(full.body.step).toMatchObject({ id: 'generalAccess', role: 'subjectAdmin' });

    // Section 1: the subject's own administrators grant access; support has no part in it.
    expect((await send(registered.body.application.id, 'support@platform', 'GRANT_LOCAL', 1)).status).toBe(403);
    const local = await send(registered.body.application.id, 'authorityAdmin@platform', 'GRANT_LOCAL', 1);
    expect(local.body.application).toMatchObject({ state: 'grantedLocally', outcome: 'granted' });
    // Section 3: the general access procedure first, then as section 1.
    expect((await send(full.body.application.id, 'support@platform', 'CONNECTED', 1)).status).toBe(403);
    const connected = await send(full.body.application.id, 'subjectAdmin@platform', 'CONNECTED', 1);
    expect(connected.body.step.id).toBe('localGrant');
    expect((await send(full.body.application.id, 'coordinator@platform', 'GRANT_LOCAL', 2)).body.application.state).toBe('grantedLocally');
    // Section 2: support passes the request to the operator.
    expect((await send(licensing.body.application.id, 'support@platform', 'FORWARD', 1)).body.step.id).toBe('operatorApproval');
  });
});

describe('2.2: support grants access within 5 working days after the operator approves', () => {
  it('counts from an approval on 30.04.2025 through the May holidays to 13.05.2025', async () => {
    const filed = await apply('access', appendix2());
    const id = filed.body.application.id as string;
    expect((await send(id, 'support@platform', 'FORWARD', 1)).body.step).toMatchObject({ id: 'operatorApproval', role: 'operator' });

    api.clock.current = new Date('2025-04-30T15:00:00+03:00');
    expect((await send(id, 'support@platform', 'APPROVE', 2)).status).toBe(403);
    const approved = await send(id, 'operator@platform', 'APPROVE', 2);
    expect(approved.status).toBe(200);
    expect(approved.body.application.milestones).toMatchObject({ operatorApproval: '2025-04-30' });
    expect(approved.body.step).toMatchObject({ id: 'supportGrant', role: 'support' });
    // 1–2 May and 8–9 May are holidays, 3–4 and 10–11 weekends: 5, 6, 7, 12, 13 May.
    expect(approved.body.step.due).toEqual({ date: '2025-05-13', provisional: false });

    expect((await send(id, 'operator@platform', 'GRANT', 3)).status).toBe(403);
    api.clock.current = new Date('2025-05-12T10:00:00+03:00');
    const granted = await send(id, 'support@platform', 'GRANT', 3);
    expect(granted.body.application).toMatchObject({ state: 'granted', final: true, outcome: 'granted' });
    const notice = await api.http().get(`/api/documents/${granted.body.application.documents[0].id}`).set(await bearer('authorisedPerson@platform'));
    expect(notice.status).toBe(200);
    expect(notice.text).toContain('Петрова Анна Сергеевна');
    expect(notice.text).toContain('30.04.2025');
    // The head's signature recorded with the request (2.1) is stated in the notice.
    expect(notice.text).toContain('Заявка подписана руководителем КНО: Начальник Департамента Иванов И. И., 25.04.2025');
  });

  it('ends with a notice when the operator declines', async () => {
    const filed = await apply('access', appendix2());
    const id = filed.body.application.id as string;
    await send(id, 'support@platform', 'FORWARD', 1);
    const declined = await send(id, 'operator@platform', 'DECLINE', 2);
    expect(declined.body.application).toMatchObject({ state: 'declined', outcome: 'refused' });
    expect(declined.body.application.milestones).not.toHaveProperty('operatorApproval');
    expect(declined.body.application.documents).toHaveLength(1);
  });
});

describe('the registry attribute form', () => {
  it('is filed by the coordinator, and the application as the API shows it makes a valid registry.yaml', async () => {
    const answers = {
      registry: { regionName: 'Вологодская область', title: 'Реестр лицензий Вологодской области', numberPattern: '35-{year}-{seq}', digits: 4 },
      attributes: { attributes: [{ title: 'ИНН лицензиата', source: 'submission.applicant.inn', searchable: true }, { title: 'Телефон', source: 'submission.applicant.phone', hidden: true }] },
    };
    expect((await apply('registry', answers, 'subjectAdmin@platform')).status).toBe(403);
    const bad = await apply('registry', { ...answers, attributes: { attributes: [{ title: 'ИНН', source: 'applicant.inn' }] } }, 'coordinator@platform');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['attributes.attributes.0.source']);
    const filed = await apply('registry', answers, 'coordinator@platform');
    expect(filed.status).toBe(201);
    // What support saves from the API is the answers file.
    const view = await api.http().get(`/api/applications/${filed.body.application.id}`).set(await bearer('support@platform'));
    expect(view.status).toBe(200);
    const generated = registryFromAnswers(view.body);
    expect(generated.ok && generated.registry.attributes).toEqual([
      { id: 'inn', title: 'ИНН лицензиата', from: 'submission.applicant.inn', searchable: true },
      { id: 'phone', title: 'Телефон', from: 'submission.applicant.phone', public: false },
    ]);
  });
});
