/**
 * Operations: /healthz (the process answers), /readyz (regions loaded, store answering, not shutting
 * down) and Prometheus metrics at /metrics: request durations by route and status, filings and steps
 * by region and service, open and overdue steps by region.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { open } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../engine/Engine.ts';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { UserDirectory } from '../../server/auth/users.ts';
import { createApp } from '../../server/createApp.ts';
import { loadRegions } from '../../server/loadRegions.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { SAMPLE, TestClock } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(env: Record<string, string> = {}, clock = new TestClock()): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'reglament-ops-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const server = await startServer({ regionsDirs: [SAMPLE], dataDir, port: 0, clock, logger: pino({ level: 'silent' }), env: { REGLAMENT_SECRET: 'o'.repeat(48), ...env }, devUsers: { cost: { N: 1024, r: 8, p: 1 } } });
  cleanup.push(() => server.close());
  return server;
}

/** The value of one series in Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health and readiness', () => {
  it('/healthz and /readyz answer anyone, without a token', async () => {
    const server = await start();
    expect((await request(server.url).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(server.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', regions: 1, store: 'ok', shuttingDown: false });
  });

  it('/readyz is 503 while the store does not answer, or fails, or the server is shutting down', async () => {
    const loaded = await loadRegions([SAMPLE]);
    if (!loaded.ok) throw new Error('sample does not load');
    const store = memoryStore();
    const engine = new Engine({ regions: loaded.regions, store, clock: new TestClock() });
    let answer: () => Promise<undefined> = async () => undefined;
    const readiness = { shuttingDown: false };
    const app = createApp({ engine, users: new UserDirectory([]), logger: pino({ level: 'silent' }), tokenSecret: new Uint8Array(32).fill(1), store: { getApplication: () => answer(), health: () => ({ writable: true }) }, readiness });
    expect((await request(app).get('/readyz')).status).toBe(200);
    answer = () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432 for user reglament'));
    const failed = await request(app).get('/readyz');
    expect(failed.status).toBe(503);
    expect(failed.body.store).toBe('error');
    expect(failed.text).not.toContain('10.0.0.5');
    answer = () => new Promise(() => undefined);
    expect((await request(app).get('/readyz')).body).toMatchObject({ status: 'not ready', store: 'timeout' });
    answer = async () => undefined;
    readiness.shuttingDown = true;
    expect((await request(app).get('/readyz')).body).toMatchObject({ status: 'not ready', shuttingDown: true });
  });

  it('/readyz is 503, saying why, once the embedded store stopped taking writes after a failed sync of its log', async () => {
    const logged: { level: number; msg: string }[] = [];
    const dataDir = await mkdtemp(path.join(tmpdir(), 'reglament-ops-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startServer({
      regionsDirs: [SAMPLE], dataDir, port: 0, clock: new TestClock(), processMetrics: false,
      logger: pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
      env: { REGLAMENT_SECRET: 'o'.repeat(48) }, devUsers: { cost: { N: 1024, r: 8, p: 1 } },
    });
    cleanup.push(() => server.close());
    const token = (await request(server.url).post('/api/auth/login').send({ login: 'applicant@sample', password: 'applicant' })).body.token as string;
    const fileOne = () => request(server.url).post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${token}`).send({ submission: permitSubmission() });
    expect((await fileOne()).status).toBe(201);
    expect((await request(server.url).get('/readyz')).status).toBe(200);

    // The disk fails while a filing's log line is synced (fdatasync answers EIO), then recovers.
    const handle = await open(path.join(dataDir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(handle) as { datasync(): Promise<void> };
    await handle.close();
    vi.spyOn(fileHandle, 'datasync').mockRejectedValue(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    try {
      expect((await fileOne()).status).toBe(500);
    } finally {
      vi.restoreAllMocks();
    }

    // The store answers reads as before, but takes no more writes until a restart: not ready.
    const ready = await request(server.url).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not ready', store: 'not writable', reason: expect.stringMatching(/stopped accepting writes.*restart/) });
    expect(ready.text).not.toContain(dataDir);
    expect((await request(server.url).get('/healthz')).status).toBe(200);
    expect((await fileOne()).status).toBe(500);
    // The cause is logged once, however often the probe asks.
    await request(server.url).get('/readyz');
    expect(logged.filter((l) => l.msg.startsWith('readiness:'))).toHaveLength(1);
  });

  it('a graceful stop turns readiness off as it begins to drain', async () => {
    const server = await start();
    expect(server.readiness.shuttingDown).toBe(false);
    const closing = server.close();
    expect(server.readiness.shuttingDown).toBe(true);
    await closing;
  });
});

describe('metrics', () => {
  it('count requests by route and status, filings and steps by region and service, open and overdue steps', async () => {
    // Monday 3 March 2025, 10:00 in Yekaterinburg (the sample region's time, office hours Mon–Thu 9–18):
    // both filings are registered that day. Their registration step (1 working day counted from the
    // registration day itself, sameDay) is due Monday 3 March, overdue from Tuesday 4. The first is then
    // registered: its review step (5 working days from its start on 3 March: Tue 4, Wed 5, Thu 6, Fri 7,
    // Mon 10 March, all working days in the 2025 calendar) is due 10 March. On Wednesday 5 March exactly
    // one step is overdue: the second filing's registration.
    const clock = new TestClock(new Date('2025-03-03T10:00:00+05:00'));
    const server = await start({}, clock);
    const http = () => request(server.url);
    const login = async (who: string) => (await http().post('/api/auth/login').send({ login: who, password: who.split('@')[0] })).body.token as string;
    const applicant = await login('applicant@sample');
    const officer = await login('officer@sample');
    const file = (key: string) => http().post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${applicant}`).set('Idempotency-Key', key).send({ submission: permitSubmission() });
    const first = (await file('one')).body.application;
    await file('one'); // a replay: no second filing
    const second = (await file('two')).body.application;
    await http().post(`/api/applications/${first.id}/events`).set('Authorization', `Bearer ${officer}`).send({ event: 'REGISTER', version: first.version, payload: {} }).expect(200);
    await http().get(`/api/applications/${second.id}`).set('Authorization', `Bearer ${officer}`).expect(200);
    await http().get('/api/applications/no-such-id').set('Authorization', `Bearer ${officer}`).expect(404);

    let text = (await http().get('/metrics')).text;
    expect(sample(text, 'reglament_filings_total{region="sample",service="permit"}')).toBe(2);
    expect(sample(text, 'reglament_transitions_total{region="sample",service="permit",event="REGISTER"}')).toBe(1);
    expect(sample(text, 'reglament_http_request_duration_seconds_count{method="POST",route="/api/regions/:region/services/:service/applications",status="201"}')).toBe(3);
    expect(sample(text, 'reglament_http_request_duration_seconds_count{method="GET",route="/api/applications/:id",status="200"}')).toBe(1);
    expect(sample(text, 'reglament_http_request_duration_seconds_count{method="GET",route="/api/applications/:id",status="404"}')).toBe(1);
    expect(text).not.toContain(second.id); // routes, never URLs
    expect(sample(text, 'reglament_open_steps{region="sample"}')).toBe(2);
    expect(sample(text, 'reglament_overdue_steps{region="sample"}')).toBe(0);
    expect(text).toMatch(/^reglament_process_cpu_user_seconds_total /m);

    clock.current = new Date('2025-03-05T10:00:00+05:00');
    text = (await http().get('/metrics')).text;
    expect(sample(text, 'reglament_overdue_steps{region="sample"}')).toBe(1);
    expect(sample(text, 'reglament_open_steps{region="sample"}')).toBe(2);
  });

  it('with METRICS_TOKEN, /metrics answers only with that bearer token', async () => {
    const server = await start({ METRICS_TOKEN: 'scrape-secret-123' });
    expect((await request(server.url).get('/metrics')).status).toBe(401);
    expect((await request(server.url).get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    const ok = await request(server.url).get('/metrics').set('Authorization', 'Bearer scrape-secret-123');
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
  });
});
