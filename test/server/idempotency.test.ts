/**
 * Idempotency keys: a filing or a step sent again with the same Idempotency-Key gets the first answer
 * and writes nothing; the same key with other data is a 422; keys are kept 24 hours, on both stores
 * and across a restart; ten identical parallel filings with one key make one application.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start.ts';
import { pgTestDatabase, TestSchemas } from '../store/pgTestDatabase.ts';
import { SAMPLE, TestClock } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

const db = await pgTestDatabase();
const schemas = 'url' in db ? new TestSchemas(db.url) : null;
const temps: string[] = [];
const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});
afterAll(async () => {
  await schemas?.dropAll();
  if ('release' in db) await db.release();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const FILE = '/api/regions/sample/services/permit/applications';

/** A server on one store; `again()` starts another on the same data (a restart, or a second process). */
async function serverOn(store: 'lowdb' | 'postgresql', clock = new TestClock()) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'reglament-idem-'));
  temps.push(dataDir);
  const env = { REGLAMENT_SECRET: 'i'.repeat(48), ...(store === 'postgresql' ? { DATABASE_URL: (db as { url: string }).url, DATABASE_SCHEMA: schemas!.next() } : {}) };
  const start = async (devUsers: boolean) => {
    const server = await startServer({ regionsDirs: [SAMPLE], dataDir, port: 0, clock, logger: pino({ level: 'silent' }), env, ...(devUsers ? { devUsers: { cost: { N: 1024, r: 8, p: 1 } } } : {}) });
    running.push(server);
    return server;
  };
  const first = await start(true);
  return { server: first, clock, again: () => start(false) };
}

async function token(url: string, login: string): Promise<string> {
  const res = await request(url).post('/api/auth/login').send({ login, password: login.split('@')[0] });
  expect(res.status).toBe(200);
  return res.body.token;
}

const file = (url: string, auth: string, key: string | undefined, submission = permitSubmission()) => {
  const req = request(url).post(FILE).set('Authorization', `Bearer ${auth}`);
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send({ submission });
};
const count = async (server: RunningServer) => (await server.store.listApplications({ region: 'sample', limit: 0, offset: 0 })).total;

describe.each([
  ['lowdb', true],
  ['postgresql', schemas !== null],
] as const)('Idempotency-Key on %s', (store, available) => {
  it.skipIf(!available)('a repeated filing gets the first answer and files nothing; other data with the key is a 422', async () => {
    const { server } = await serverOn(store);
    const applicant = await token(server.url, 'applicant@sample');
    const first = await file(server.url, applicant, 'filing-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const repeat = await file(server.url, applicant, 'filing-1');
    expect(repeat.status).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.headers.location).toBe(first.headers.location);
    expect(repeat.text).toBe(first.text);
    expect(await count(server)).toBe(1);

    const changed = await file(server.url, applicant, 'filing-1', { ...permitSubmission(), works: { kinds: ['store', 'process'] } });
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key', keyword: 'idempotency' })]);
    // Without a key, or with another one, a filing is a new filing; another user's same key is theirs.
    expect((await file(server.url, applicant, undefined)).status).toBe(201);
    expect((await file(server.url, applicant, 'filing-2')).status).toBe(201);
    expect(await count(server)).toBe(3);
  });

  it.skipIf(!available)('ten identical parallel filings with one key make one application and ten identical answers', async () => {
    const { server } = await serverOn(store);
    const applicant = await token(server.url, 'applicant@sample');
    const answers = await Promise.all(Array.from({ length: 10 }, () => file(server.url, applicant, 'parallel')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await count(server)).toBe(1);
  });

  it.skipIf(!available)('a repeated step gets the first answer and moves the application once; keys outlive a restart', async () => {
    const { server, again } = await serverOn(store);
    const applicant = await token(server.url, 'applicant@sample');
    const officer = await token(server.url, 'officer@sample');
    const filed = (await file(server.url, applicant, 'before-restart')).body.application as { id: string; version: number };
    const step = () =>
      request(server.url).post(`/api/applications/${filed.id}/events`).set('Authorization', `Bearer ${officer}`).set('Idempotency-Key', 'register-1').send({ event: 'REGISTER', version: filed.version, payload: {} });
    const first = await step();
    expect(first.status).toBe(200);
    const repeat = await step();
    expect(repeat.status).toBe(200);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.text).toBe(first.text);
    expect((await server.store.getApplication(filed.id))!.version).toBe(filed.version + 1);

    await server.close();
    const restarted = await again();
    const afterRestart = await request(restarted.url).post(FILE).set('Authorization', `Bearer ${applicant}`).set('Idempotency-Key', 'before-restart').send({ submission: permitSubmission() });
    expect(afterRestart.status).toBe(201);
    expect(afterRestart.body.application.id).toBe(filed.id);
    const stepAgain = await request(restarted.url).post(`/api/applications/${filed.id}/events`).set('Authorization', `Bearer ${officer}`).set('Idempotency-Key', 'register-1').send({ event: 'REGISTER', version: filed.version, payload: {} });
    expect(stepAgain.status).toBe(200);
    expect(stepAgain.text).toBe(first.text);
    expect(await count(restarted)).toBe(1);
    expect((await restarted.store.getApplication(filed.id))!.version).toBe(filed.version + 1);
  });
});

describe('Idempotency-Key', () => {
  it.skipIf(!schemas)('two server processes on one PostgreSQL store: a repeat sent to the other at the same time gets the first answer', async () => {
    const { server, again } = await serverOn('postgresql');
    const other = await again();
    const applicant = await token(server.url, 'applicant@sample');
    const [a, b] = await Promise.all([file(server.url, applicant, 'two-processes'), file(other.url, applicant, 'two-processes')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.text).toBe(b.text);
    expect(await count(server)).toBe(1);
  });

  it('is kept 24 hours: a repeat a day later is a new filing', async () => {
    const { server, clock } = await serverOn('lowdb');
    const applicant = await token(server.url, 'applicant@sample');
    const first = await file(server.url, applicant, 'daily');
    clock.current = new Date(clock.current.getTime() + 23 * 3_600_000);
    const applicantLater = await token(server.url, 'applicant@sample');
    expect((await file(server.url, applicantLater, 'daily')).body.application.id).toBe(first.body.application.id);
    clock.current = new Date(clock.current.getTime() + 3_600_000);
    const next = await file(server.url, await token(server.url, 'applicant@sample'), 'daily');
    expect(next.status).toBe(201);
    expect(next.headers['idempotent-replayed']).toBeUndefined();
    expect(next.body.application.id).not.toBe(first.body.application.id);
  });

  it('must be 1 to 255 visible ASCII characters (400 naming the header)', async () => {
    const { server } = await serverOn('lowdb');
    const applicant = await token(server.url, 'applicant@sample');
    for (const bad of ['', 'x'.repeat(256), 'с пробелом']) {
      const res = await request(server.url).post(FILE).set('Authorization', `Bearer ${applicant}`).set('Idempotency-Key', encodeURIComponent(bad) === bad ? bad : Buffer.from(bad).toString('latin1')).send({ submission: permitSubmission() });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.errors[0].path).toBe('Idempotency-Key');
    }
    expect(await count(server)).toBe(0);
  });
});
