/**
 * Personal data stays out of the server log: a filing's data, taken through its procedure, searched
 * for in the registry, sent wrong (422) and malformed (400), and a failed sign-in with an e-mail as the
 * login, leave none of it in any line the server logs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { CENSOR, createLogger } from '../../server/log/createLogger.ts';
import { startServer } from '../../server/start.ts';
import { SAMPLE } from './harness.ts';
import { approveReview } from './sampleData.ts';

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

/** Distinctive personal data: none of it may appear in the log. */
const PERSON = {
  name: 'ООО «Неповторимое Имя Заявителя»',
  inn: '7707083893',
  ogrn: '1027700132195',
  phone: '+7 (343) 987-65-43',
  login: 'private.person@example.org',
  wrongPhone: 'звоните-Ивановой-Марье',
};

describe('the server log', () => {
  it('holds none of a filing’s personal data, whatever the requests', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'reglament-log-'));
    temps.push(dataDir);
    const env = { REGLAMENT_SECRET: 'l'.repeat(48), LOG_LEVEL: 'debug' };
    const server = await startServer({ regionsDirs: [SAMPLE], dataDir, port: 0, env, logger: createLogger(env, sink), devUsers: { cost: { N: 1024, r: 8, p: 1 } } });
    try {
      const http = () => request(server.url);
      const token = async (login: string) => (await http().post('/api/auth/login').send({ login, password: login.split('@')[0] })).body.token as string;
      const applicant = await token('applicant@sample');
      const officer = await token('officer@sample');
      const head = await token('head@sample');
      const submission = { applicant: { kind: 'company', name: PERSON.name, inn: PERSON.inn, ogrn: PERSON.ogrn, phone: PERSON.phone }, works: { kinds: ['store'] }, extra: { consent: true } };

      let app = (await http().post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${applicant}`).send({ submission }).expect(201)).body.application;
      for (const [event, auth, payload] of [['REGISTER', officer, {}], ['REVIEW', officer, approveReview], ['SIGN', head, {}], ['NOTIFY', officer, {}]] as const) {
        app = (await http().post(`/api/applications/${app.id}/events`).set('Authorization', `Bearer ${auth}`).send({ event, version: app.version, payload }).expect(200)).body.application;
      }
      await http().get(`/api/applications/${app.id}`).set('Authorization', `Bearer ${officer}`).expect(200);
      await http().get(`/api/documents/${app.documents[0].id}`).set('Authorization', `Bearer ${applicant}`).expect(200);
      // A registry search by ИНН: the value travels in the query string.
      await http().get('/api/regions/sample/registry').query({ inn: PERSON.inn }).expect(200);
      // Wrong data (422), a malformed body (400) and an unknown field, each carrying personal data.
      await http().post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${applicant}`).send({ submission: { ...submission, applicant: { ...submission.applicant, phone: PERSON.wrongPhone } } }).expect(422);
      await http().post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${applicant}`).set('content-type', 'application/json').send(`{"submission": {"applicant": {"name": "${PERSON.name}"`).expect(400);
      await http().post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${applicant}`).send({ submission, note: PERSON.wrongPhone }).expect(400);
      // A failed sign-in whose login is an e-mail address.
      await http().post('/api/auth/login').send({ login: PERSON.login, password: 'wrong password' }).expect(401);
    } finally {
      await server.close();
    }

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(15);
    expect(log).toContain('/api/regions/sample/registry?inn=…');
    for (const [what, value] of Object.entries(PERSON)) expect(log, `${what} leaked into the log`).not.toContain(value);
    // The ИНН and phone in other spellings (as JSON would escape them, digits only).
    expect(log).not.toContain(PERSON.phone.replace(/\D/g, ''));
    expect(log).not.toMatch(/Неповторимое/);
  });

  it('blanks personal fields should anything log them', () => {
    const lines: string[] = [];
    const logger = createLogger({}, new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } }));
    logger.info({ submission: { applicant: { inn: PERSON.inn } }, err: { errors: [{ path: 'applicant.phone', message: PERSON.phone }] }, req: { headers: { authorization: 'Bearer x' }, body: { password: 'p' } } }, 'something');
    logger.flush();
    const line = JSON.parse(lines[0]);
    expect(line.submission).toBe(CENSOR);
    expect(line.err.errors).toBe(CENSOR);
    expect(line.req.headers).toBe(CENSOR);
    expect(line.req.body).toBe(CENSOR);
    expect(lines[0]).not.toContain(PERSON.inn);
  });
});
