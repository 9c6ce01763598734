/**
 * What the API does with bad input and hostile clients: malformed or oversized bodies, wrong media
 * types, bad tokens, password guessing; its headers; its logs; and that a crash tells the client nothing.
 */
import { Writable } from 'node:stream';
import express from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/createApp.ts';
import { API_HELMET_OPTIONS } from '../../server/http/security.ts';
import { routeTable } from '../../server/routes/index.ts';
import { defineRoutes } from '../../server/routes/types.ts';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

let api: TestApi;
const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });
const storeState = async () => JSON.stringify(await api.running.store.listApplications({ region: 'sample', limit: 1000, offset: 0 }));
const SUBMIT = '/api/regions/sample/services/permit/applications';

beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
});
afterAll(() => api?.close());

describe('request bodies', () => {
  it('answers 400 with a clear message for text that is not JSON, and stores nothing', async () => {
    const before = await storeState();
    const res = await api.http().post(SUBMIT).set(await bearer('applicant@sample')).set('Content-Type', 'application/json').send('{"submission": {');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/JSON/);
    expect(res.body.requestId).toBeTruthy();
    expect(await storeState()).toBe(before);
  });

  it('answers 400 for bytes that are not UTF-8 instead of storing replacement characters', async () => {
    const before = await storeState();
    const body = Buffer.concat([Buffer.from('{"submission": {"applicant": {"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}}')]);
    // fetch sends the bytes as they are (supertest would serialize a Buffer as JSON).
    const res = await fetch(api.url + SUBMIT, { method: 'POST', headers: { ...(await bearer('applicant@sample')), 'Content-Type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('Тело запроса не является текстом в кодировке UTF-8');
    expect(await storeState()).toBe(before);
  });

  it('accepts only an object or array at the top level (strict JSON)', async () => {
    const res = await api.http().post(SUBMIT).set(await bearer('applicant@sample')).set('Content-Type', 'application/json').send('"just a string"');
    expect(res.status).toBe(400);
  });

  it('answers 415 for a body that is not application/json', async () => {
    const res = await api.http().post(SUBMIT).set(await bearer('applicant@sample')).set('Content-Type', 'text/plain').send('submission=1');
    expect(res.status).toBe(415);
    expect(res.body.error).toMatch(/application\/json/);
    const form = await api.http().post('/api/auth/login').type('form').send({ login: 'applicant@sample', password: 'applicant' });
    expect(form.status).toBe(415);
  });

  it('answers 413 for a 5 MB body, and stores nothing', async () => {
    const before = await storeState();
    const huge = JSON.stringify({ submission: { ...permitSubmission(), padding: 'x'.repeat(5 * 1024 * 1024) } });
    const res = await api.http().post(SUBMIT).set(await bearer('applicant@sample')).set('Content-Type', 'application/json').send(huge);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/1 МБ/);
    expect(await storeState()).toBe(before);
  });

  it('answers 400 naming the field for a body of the wrong shape', async () => {
    const res = await api.http().post(SUBMIT).set(await bearer('applicant@sample')).send({ submission: 'all of it' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'submission', message: 'должно быть объектом', keyword: 'type' }]);
    const extra = await api.http().post(SUBMIT).set(await bearer('applicant@sample')).send({ submission: {}, sneaky: true });
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: 'sneaky', message: 'неизвестное поле' })]);
  });

  it('answers 400 when a JSON route gets no body at all', async () => {
    const res = await api.http().post(SUBMIT).set(await bearer('applicant@sample'));
    expect(res.status).toBe(400);
  });
});

describe('tokens', () => {
  it('answers 401 with a Bearer challenge for a malformed, forged or unknown-user token', async () => {
    const malformed = await api.http().get('/api/auth/me').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(malformed.status).toBe(401);
    expect(malformed.headers['www-authenticate']).toMatch(/Bearer/);
    const forged = await api.http().get('/api/auth/me').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoZWFkQHNhbXBsZSJ9.AAAA');
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('signs in with login and password and tells who the token belongs to', async () => {
    const login = await api.http().post('/api/auth/login').send({ login: 'head@sample', password: 'head' });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ login: 'head@sample', name: expect.any(String), region: 'sample', roles: ['head'] });
    expect(login.body.user).not.toHaveProperty('passwordHash');
    const me = await api.http().get('/api/auth/me').set('Authorization', `Bearer ${login.body.token}`);
    expect(me.body.user.login).toBe('head@sample');
  });

  it('refuses a wrong password or unknown login with the same 401', async () => {
    const wrong = await api.http().post('/api/auth/login').send({ login: 'head@sample', password: 'officer' });
    const unknown = await api.http().post('/api/auth/login').send({ login: 'nobody@sample', password: 'head' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe(unknown.body.error);
  });
});

describe('password guessing', () => {
  it('is slowed down: after a burst of failures the address gets 429 even with the right password', async () => {
    const limited = await startTestApi([SAMPLE], { loginCapacity: 3 });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await limited.http().post('/api/auth/login').send({ login: 'officer@sample', password: `guess${i}` })).status).toBe(401);
      }
      const blocked = await limited.http().post('/api/auth/login').send({ login: 'officer@sample', password: 'officer' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('headers', () => {
  it('sends security headers and no x-powered-by', async () => {
    const res = await api.http().get('/api/regions');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('sends every header helmet itself would send with the API policy, on answers and errors alike', async () => {
    const plain = express();
    plain.use(helmet(API_HELMET_OPTIONS));
    plain.get('/', (_req, res) => void res.json({}));
    const expected = (await request(plain).get('/')).headers;
    const helmetHeaders = Object.keys(expected).filter((h) => !['content-type', 'content-length', 'etag', 'date', 'connection', 'x-powered-by'].includes(h));
    expect(helmetHeaders.length).toBeGreaterThan(8);
    for (const res of [await api.http().get('/api/regions'), await api.http().get('/api/nothing/here')]) {
      for (const h of helmetHeaders) expect(res.headers[h], h).toBe(expected[h]);
    }
  });

  it("echoes the client's x-request-id, or makes one", async () => {
    const given = await api.http().get('/api/regions').set('x-request-id', 'trace-42');
    expect(given.headers['x-request-id']).toBe('trace-42');
    const made = await api.http().get('/api/regions');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await api.http().get('/api/regions').set('x-request-id', 'x'.repeat(500));
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await api.http().get('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/GET \/api\/nothing\/here/);
  });
});

describe('failures and logs', () => {
  it('answers an unexpected error with a bare 500 and the request id, logging the details server side only', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const boom = defineRoutes([
      {
        method: 'get', path: '/boom', operationId: 'boom', summary: 'fails', tag: 'test', access: 'public', responses: {},
        handle() { throw new Error('database password is hunter2'); },
      },
    ]);
    const app = createApp({ engine: api.running.engine, users: api.running.users, logger: pino(sink), tokenSecret: new Uint8Array(32), routes: [...routeTable, ...boom] });
    const res = await request(app).get('/api/boom').set('x-request-id', 'req-500');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'Внутренняя ошибка', requestId: 'req-500' });
    expect(res.text).not.toMatch(/hunter2|at .*\.ts/);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.req?.id === 'req-500' && l.err);
    expect(logged.err.message).toMatch(/hunter2/);
  });

  it('logs each request with its id, never the Authorization header or the password', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const app = createApp({ engine: api.running.engine, users: api.running.users, logger: pino(sink), tokenSecret: new Uint8Array(32).fill(7) });
    const login = await request(app).post('/api/auth/login').set('x-request-id', 'req-login').send({ login: 'officer@sample', password: 'officer' });
    await request(app).get('/api/auth/me').set('x-request-id', 'req-me').set('Authorization', `Bearer ${login.body.token}`);
    await request(app).post('/api/auth/login').set('x-request-id', 'req-wrong').send({ login: 'officer@sample', password: 'wrong' });
    const all = lines.join('\n');
    expect(all).toContain('"req-login"');
    expect(all).toContain('"req-me"');
    const parsed = lines.map((l) => JSON.parse(l));
    // One line per request when it ends, with what an operator needs and nothing more.
    expect(parsed.find((l) => l.req?.id === 'req-me' && l.msg === 'request completed')).toMatchObject({ req: { method: 'GET', url: '/api/auth/me' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(parsed.find((l) => l.req?.id === 'req-wrong' && l.msg === 'request completed')).toMatchObject({ res: { statusCode: 401 } });
    // A handler's own line carries the request id too.
    expect(parsed.find((l) => l.req?.id === 'req-wrong' && l.msg === 'failed login')).toMatchObject({ level: 40 });
    expect(all).not.toContain(login.body.token);
    expect(all).not.toContain('"officer"');
  });
});
