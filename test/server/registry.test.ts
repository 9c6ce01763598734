/** The public licence registry over HTTP, after a licence has been granted through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';
import { approveReview, permitSubmission } from './sampleData.ts';

let api: TestApi;
let number: string;

beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
  const auth = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });
  const filed = await api.http().post('/api/regions/sample/services/permit/applications').set(await auth('applicant@sample')).send({ submission: permitSubmission() });
  const id = filed.body.application.id;
  const steps: [string, string, unknown?][] = [['officer@sample', 'REGISTER'], ['officer@sample', 'REVIEW', approveReview], ['head@sample', 'SIGN'], ['officer@sample', 'NOTIFY']];
  let version = 1;
  for (const [login, event, payload] of steps) {
    const res = await api.http().post(`/api/applications/${id}/events`).set(await auth(login)).send({ event, version, payload });
    if (res.status !== 200) throw new Error(`${event}: ${res.status} ${JSON.stringify(res.body)}`);
    version = res.body.application.version;
    number = res.body.application.licence;
  }
});
afterAll(() => api?.close());

describe('registry', () => {
  it('finds a licence by a searchable attribute without a token, showing public attributes only', async () => {
    const res = await api.http().get('/api/regions/sample/registry?inn=7707083893');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ number, status: 'active', attributes: { inn: '7707083893', name: 'ООО «Ромашка»' } });
    expect(res.body.items[0].attributes).not.toHaveProperty('phone');
    expect((await api.http().get('/api/regions/sample/registry?inn=0000000000')).body.total).toBe(0);
  });

  it('finds a licence by part of its name, ИНН or number, case- and ё/е-insensitively, never by a hidden attribute', async () => {
    const found = async (q: string) => (await api.http().get(`/api/regions/sample/registry?q=${encodeURIComponent(q)}`)).body.total;
    expect(await found('ромаШ')).toBe(1);
    expect(await found('ооо ромашка')).toBe(1);
    expect(await found('770708')).toBe(1);
    expect(await found(number.slice(-3))).toBe(1);
    expect(await found('лютик')).toBe(0);
    // The phone is filed but not public: searching by it must not reveal it.
    expect(number).not.toContain('343');
    expect(await found('343')).toBe(0);
    expect((await api.http().get(`/api/regions/sample/registry?q=${'я'.repeat(201)}`)).status).toBe(400);
  });

  it('searches by number and status', async () => {
    expect((await api.http().get(`/api/regions/sample/registry?number=${encodeURIComponent(number)}`)).body.total).toBe(1);
    expect((await api.http().get('/api/regions/sample/registry?status=terminated')).body.total).toBe(0);
  });

  it('refuses to search by an attribute that is not searchable or not public, naming the ones that are', async () => {
    const hidden = await api.http().get('/api/regions/sample/registry?phone=%2B73431234567');
    expect(hidden.status).toBe(400);
    expect(hidden.body.error).toMatch(/inn/);
    expect((await api.http().get('/api/regions/sample/registry?inn=1&name=x')).status).toBe(400);
    expect((await api.http().get('/api/regions/sample/registry?status=lost')).status).toBe(400);
  });

  it('serves one entry, and 404 for an unknown number', async () => {
    expect((await api.http().get(`/api/regions/sample/registry/${encodeURIComponent(number)}`)).status).toBe(200);
    const missing = await api.http().get('/api/regions/sample/registry/NO-SUCH');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/NO-SUCH/);
  });

  it('renders the extract as HTML that may not run scripts', async () => {
    const res = await api.http().get(`/api/regions/sample/registry/${encodeURIComponent(number)}/extract`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(res.text).toContain(number);
  });
});
