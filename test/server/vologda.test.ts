/**
 * The Vologda region end to end over HTTP (real loader, engine and file store): a licence granted through
 * every step of its procedure, each step taken by the role the regulation makes responsible for it;
 * then each other service once; and the refusals that must leave the store unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRegion, startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { amendSubmission, COMPANY, GRANT_STEPS, grantSubmission, infoSubmission, signing, terminateSubmission } from './vologdaData.ts';

let api: TestApi;
const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });
const storeState = async () => JSON.stringify(await api.running.store.listApplications({ region: 'vologda', limit: 1000, offset: 0 }));

beforeAll(async () => {
  api = await startTestApi([VOLOGDA, await copyRegion(VOLOGDA, 'cherepovets')]);
});
afterAll(() => api?.close());

async function file(service: string, submission: unknown, login = 'applicant@vologda') {
  const withFiles = await api.withUploads(login, 'vologda', service, submission);
  const res = await api.http().post(`/api/regions/vologda/services/${service}/applications`).set(await bearer(login)).send({ submission: withFiles });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/**
 * Takes the next step as the role the current step names: reads the application as that role, checks
 * the event is offered to it, and sends it with the version just read.
 */
async function step(id: string, event: string, payload?: unknown) {
  const staffView = await api.http().get(`/api/applications/${id}`).set(await bearer('officer@vologda'));
  const role = staffView.body.step.role as string;
  const login = `${role}@vologda`;
  const view = await api.http().get(`/api/applications/${id}`).set(await bearer(login));
  expect(view.body.allowedEvents.map((e: { event: string }) => e.event), `${event} offered to ${role} at ${view.body.step.id}`).toContain(event);
  const res = await api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version: view.body.application.version, payload });
  expect(res.status, `${event} by ${role}: ${JSON.stringify(res.body)}`).toBe(200);
  return { role, body: res.body };
}

let licence: string;

describe('granting a licence (3.2)', () => {
  let id: string;

  it('shows the form and quotes the fee and the decision date before filing', async () => {
    const form = await api.http().get('/api/regions/vologda/services/grant/form');
    expect(form.status).toBe(200);
    expect(Object.keys(form.body.schema.properties)).toEqual(expect.arrayContaining(['applicant', 'works', 'staff', 'delivery']));
    expect(form.body.conditions).toMatchObject({ equipmentFerrous: 'worksFerrous' });
    const quote = await api.http().post('/api/regions/vologda/services/grant/quote').send({ submission: grantSubmission() });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ registeredOn: '2025-03-03', fee: { feeId: 'grant', amount: 7500 } });
  });

  it('registers the application with its fee and due dates', async () => {
    const body = await file('grant', grantSubmission());
    id = body.application.id;
    expect(body.application).toMatchObject({ state: 'registration', registeredOn: '2025-03-03', fee: { amount: 7500 }, version: 1 });
    expect(body.application.serviceDue.date > '2025-03-03').toBe(true);
    expect(body.step).toMatchObject({ id: 'registration', role: 'officer', overdue: false });
  });

  it('runs through every step, each by its responsible role, to a licence in the registry and a notice', async () => {
    const steps = GRANT_STEPS;
    const takenBy: string[] = [];
    let last: { application: { state: string; licence: string; documents: { id: string; template: string }[]; history: unknown[]; final: boolean; outcome: string } } | undefined;
    const applicantSees = async () => (await api.http().get(`/api/applications/${id}`).set(await bearer('applicant@vologda'))).body;
    // Before the decision the applicant is offered withdrawal (3.1.5), with its statement form.
    expect((await applicantSees()).allowedEvents).toEqual([{ event: 'WITHDRAW', title: 'Оставить заявление без рассмотрения', payloadForm: 'withdrawal' }]);
    for (const [event, payload] of steps) {
      const { role, body } = await step(id, event, payload);
      takenBy.push(`${event}:${role}`);
      last = body;
      if (event === 'SIGN_DECISION') {
        // Once the licence order is signed the procedure refuses withdrawal (3.1.5): it is not offered,
        // and the applicant reads why instead.
        const view = await applicantSees();
        expect(view.allowedEvents).toEqual([]);
        expect(view.unavailableEvents).toEqual([
          { event: 'WITHDRAW', title: 'Оставить заявление без рассмотрения', reason: expect.stringContaining('до принятия решения по заявлению'), clause: '3.1.5' },
        ]);
      }
    }
    // Only the head signs; everything else is the officer's.
    expect(takenBy.filter((s) => s.endsWith(':head')).map((s) => s.split(':')[0])).toEqual(['SIGN_REQUESTS', 'SIGN_ASSESSMENT_ORDER', 'SIGN_DECISION']);
    const app = last!.application;
    expect(app).toMatchObject({ state: 'granted', final: true, outcome: 'granted' });
    expect(app.history).toHaveLength(steps.length + 1);
    licence = app.licence;
    expect(licence).toMatch(/^2025-\d+$/);
    expect(app.documents.map((d) => d.template)).toEqual(expect.arrayContaining(['order-assessment', 'notice-assessment', 'order-grant', 'notice-grant', 'registry-extract']));

    // The applicant reads the notice of the grant.
    const notice = app.documents.find((d) => d.template === 'notice-grant')!;
    const doc = await api.http().get(`/api/documents/${notice.id}`).set(await bearer('applicant@vologda'));
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toMatch(/^text\/html/);
    expect(doc.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(doc.text).toContain(licence);

    // The registry has the licence, found by ИНН without signing in.
    const found = await api.http().get(`/api/regions/vologda/registry?inn=${COMPANY.inn}`);
    expect(found.body.items).toEqual([expect.objectContaining({ number: licence, status: 'active', attributes: expect.objectContaining({ name: COMPANY.name, orderNumber: '123-л' }) })]);
    const extract = await api.http().get(`/api/regions/vologda/registry/${licence}/extract`);
    expect(extract.status).toBe(200);
    expect(extract.text).toContain(licence);
  });

  it('is refused by the head when it is not theirs to take (403), and stays unchanged', async () => {
    const body = await file('grant', grantSubmission());
    const before = await storeState();
    const res = await api.http().post(`/api/applications/${body.application.id}/events`).set(await bearer('head@vologda')).send({ event: 'REGISTER', version: 1 });
    expect(res.status).toBe(403);
    expect(await storeState()).toBe(before);
  });
});

describe('the other services, once each', () => {
  it('amends the registry entry (3.3): a new phone number', async () => {
    const { application } = await file('amend', amendSubmission(licence));
    const id = application.id;
    const events: [string, unknown?][] = [
      ['REGISTER', { fee: {} }],
      ['CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-04' } }],
      ['CHECK_COMPLETENESS', { completeness: { result: 'complete' } }],
      ['SUBMIT_DECISION', { draft: { decision: 'approve' } }],
      ['SIGN_DECISION', signing('130-л')],
      ['NOTIFY'],
    ];
    let last;
    for (const [event, payload] of events) last = (await step(id, event, payload)).body;
    expect(last.application).toMatchObject({ state: 'amended', outcome: 'amended' });
    const entry = await api.http().get(`/api/regions/vologda/registry/${licence}`);
    expect(entry.body.attributes.phone).toBe('+7 (8172) 72-11-11');
    expect(entry.body.applications).toContain(id);
  });

  it('gives information about a licence (3.5): an extract by e-mail', async () => {
    const { application } = await file('info', infoSubmission(licence));
    expect(application.fee.amount).toBe(0);
    await step(application.id, 'REGISTER');
    const { body } = await step(application.id, 'SEND_INFO', { reply: { result: 'extract', licenceNumber: licence } });
    expect(body.application).toMatchObject({ state: 'extractSent', final: true });
    expect(body.application.documents.map((d: { template: string }) => d.template)).toContain('registry-extract');
    // The extract is about the licence the officer named, with its registry data (renderDocument params.licence).
    const extractDoc = body.application.documents.find((d: { template: string }) => d.template === 'registry-extract');
    const html = (await api.http().get(`/api/documents/${extractDoc.id}`).set(await bearer("officer@vologda"))).text;
    expect(html).toContain(licence);
    expect(html).toContain('Лицензиат');
  });

  it('terminates the licence (3.4)', async () => {
    const { application } = await file('terminate', terminateSubmission(licence));
    const events: [string, unknown?][] = [
      ['REGISTER'],
      ['SUBMIT_TERMINATION_ORDER', { order: { applicationChecked: true } }],
      ['SIGN_TERMINATION_ORDER', signing('140-л')],
      ['SUBMIT_NOTICE'],
      ['SIGN_NOTICE', signing('141-у')],
      ['SEND_NOTICE'],
    ];
    let last;
    for (const [event, payload] of events) last = (await step(application.id, event, payload)).body;
    expect(last.application).toMatchObject({ state: 'terminated', final: true });
    const entry = await api.http().get(`/api/regions/vologda/registry/${licence}`);
    expect(entry.body.status).toBe('terminated');
  });

  it('lets the applicant withdraw with the statement the procedure asks for (3.1.5)', async () => {
    const { application } = await file('grant', grantSubmission());
    const h = await bearer('applicant@vologda');
    const without = await api.http().post(`/api/applications/${application.id}/withdraw`).set(h).send({ version: 1 });
    expect(without.status).toBe(422);
    const res = await api.http().post(`/api/applications/${application.id}/withdraw`).set(h).send({ version: 1, payload: { statement: { text: 'Прошу оставить заявление без рассмотрения' } } });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn' });
  });
});

describe('a decision the regulation rules out', () => {
  it('refuses to approve after the completeness check found grounds, with the reason of 3.2.2.10 (otherwise)', async () => {
    const { application } = await file('grant', grantSubmission());
    await step(application.id, 'REGISTER');
    await step(application.id, 'CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-04' } });
    await step(application.id, 'SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'treasury', channel: 'smev' }] } });
    await step(application.id, 'SIGN_REQUESTS');
    await step(application.id, 'RECORD_RESPONSES', { responses: { items: [{ recipient: 'treasury', receivedOn: '2025-03-06', summary: 'Сведений об уплате нет' }] } });
    const { body } = await step(application.id, 'CHECK_COMPLETENESS', { completeness: { result: 'groundsFound', grounds: ['feeNotPaid'], findings: 'Сведения об уплате пошлины отсутствуют' } });
    expect(body.application.state).toBe('decisionDraft');
    const before = await storeState();
    const h = await bearer('officer@vologda');
    const res = await api.http().post(`/api/applications/${application.id}/events`).set(h).send({ event: 'SUBMIT_DECISION', version: body.application.version, payload: { draft: { decision: 'approve' } } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/основания для отказа, предусмотренные пунктом 2\.9\.3.*\(п\. 3\.2\.2\.10; 2\.9\.3\)$/);
    expect(await storeState()).toBe(before);
  });
});

describe('withdrawal and the decision (3.1.5)', () => {
  it('refuses to leave the application without consideration once the licence order is signed, with the reason of 3.1.5', async () => {
    const { application } = await file('grant', grantSubmission());
    const steps: [string, unknown?][] = [
      ['REGISTER'],
      ['CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-04' } }],
      ['SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'treasury', channel: 'smev' }] } }],
      ['SIGN_REQUESTS'],
      ['RECORD_RESPONSES', { responses: { items: [{ recipient: 'treasury', receivedOn: '2025-03-06', summary: 'Пошлина уплачена' }] } }],
      ['CHECK_COMPLETENESS', { completeness: { result: 'complete' } }],
      ['SUBMIT_ASSESSMENT_ORDER', { order: { assessmentForm: 'remote', startDate: '2025-03-12', endDate: '2025-03-13', places: [{ address: 'г. Вологда, ул. Промышленная, д. 5' }], inspectors: 'Сидоров С. С.' } }],
      ['SIGN_ASSESSMENT_ORDER', signing('46-о')],
      ['NOTIFY_ASSESSMENT'],
      ['RECORD_ASSESSMENT', { act: { actDate: '2025-03-13', assessmentForm: 'remote', result: 'compliant' } }],
      ['SUBMIT_DECISION', { draft: { decision: 'approve' } }],
      ['SIGN_DECISION', signing('124-л')],
    ];
    let last: { application: { version: number; state: string; licence: string } } | undefined;
    for (const [event, payload] of steps) last = (await step(application.id, event, payload)).body;
    expect(last!.application.state).toBe('notifyGranted');
    const before = await storeState();
    const res = await api
      .http()
      .post(`/api/applications/${application.id}/withdraw`)
      .set(await bearer('applicant@vologda'))
      .send({ version: last!.application.version, payload: { statement: { text: 'Прошу оставить заявление без рассмотрения' } } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/до принятия решения по заявлению \(п\. 3\.1\.5\)$/);
    expect(await storeState()).toBe(before);
    const entry = await api.http().get(`/api/regions/vologda/registry/${last!.application.licence}`);
    expect(entry.body.status).toBe('active');
  });

  it('shows the open phase of 3.2.2 with its due date once the application reaches the officer', async () => {
    const { application } = await file('grant', grantSubmission());
    const { body } = await step(application.id, 'REGISTER');
    // Registered and passed on Mon 3 Mar 2025 (the test clock): 34 working days later. March 2025 has no
    // holidays (Mon 10 Mar is a working day by decree No. 1335): Mar 4-7 (4), 10-14 (9), 17-21 (14), 24-28 (19),
    // Mar 31 - Apr 4 (24), 7-11 (29), 14-18 (34): Fri 18 Apr.
    expect(body.phases).toEqual([
      { id: 'review', title: expect.stringContaining('Рассмотрение заявления'), clause: '3.2.2.11', startedOn: '2025-03-03', due: { date: '2025-04-18', provisional: false }, overdue: false, suspendedSince: null },
    ]);
    expect(body.suspended).toBeNull();
  });
});

describe('refusals leave the store unchanged', () => {
  it('422: an ИНН with a bad checksum and a missing required section, each by path', async () => {
    const before = await storeState();
    const bad: Record<string, unknown> = { ...grantSubmission(), applicant: { ...COMPANY, inn: '7707083890' } };
    delete bad.staff;
    const res = await api.http().post('/api/regions/vologda/services/grant/applications').set(await bearer('applicant@vologda')).send({ submission: bad });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['applicant.inn', 'staff']));
    expect(res.body.errors.find((e: { path: string }) => e.path === 'applicant.inn').message).toMatch(/ИНН|контрольн/i);
    expect(await storeState()).toBe(before);
  });

  it("404 for another region's officer, 403 for their inbox request; nothing stored or changed", async () => {
    const { application } = await file('grant', grantSubmission());
    const before = await storeState();
    const other = await bearer('officer@cherepovets');
    expect((await api.http().get(`/api/applications/${application.id}`).set(other)).status).toBe(404);
    expect((await api.http().post(`/api/applications/${application.id}/events`).set(other).send({ event: 'REGISTER', version: 1 })).status).toBe(404);
    expect((await api.http().get('/api/regions/vologda/inbox').set(other)).status).toBe(403);
    expect(await storeState()).toBe(before);
  });

  it('the inbox lists overdue applications first, by due date', async () => {
    api.clock.advanceDays(30);
    api.forgetTokens(); // a month later the 8-hour tokens have expired
    const res = await api.http().get('/api/regions/vologda/inbox?view=all&final=false').set(await bearer('officer@vologda'));
    expect(res.status).toBe(200);
    const overdue = res.body.items.map((i: { due: { step: { overdue: boolean } | null } }) => i.due.step?.overdue ?? false);
    expect(overdue.indexOf(false) === -1 || overdue.slice(overdue.indexOf(false)).every((o: boolean) => !o)).toBe(true);
    expect(overdue).toContain(true);
    const onlyOverdue = await api.http().get('/api/regions/vologda/inbox?view=all&overdue=true').set(await bearer('officer@vologda'));
    expect(onlyOverdue.body.total).toBe(overdue.filter(Boolean).length);
  });
});
